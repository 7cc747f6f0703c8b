package im.tandem.it.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver. Both binaries are named, so Selenium Manager
 * has nothing to look for and never downloads a browser or a driver; the flags keep the browser from calling any
 * Google service and from resolving any name, so it sends traffic only to the addresses of the test.
 */
public final class Chromium {
    /** Where Debian's chromium and chromium-driver packages install them. */
    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** A page script or a lookup in the panel waits at most this long. */
    public static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Chromium hides the machine's addresses behind mDNS names (.local) in the candidates it gives a page, and
     * announces and resolves those names by multicast DNS on every interface. With this feature off the candidates
     * carry the addresses themselves, which the web chat's direct path needs in the lab, and no multicast leaves the
     * machine from browsers on it.
     */
    private static final String SHOW_LOCAL_ADDRESSES = "--disable-features=WebRtcHideLocalIpsWithMdns";
    /**
     * No host name resolves, so the browser's own calls home (Google's time, account, update, autofill and model
     * services, the default search engine's preconnect; the flags below do not stop them all) never leave the
     * machine, not even as DNS queries; inside a lab namespace, where those queries went unanswered, the first page
     * also waited seconds for them. The rules apply to address literals too, so the tests' addresses are let
     * through: loopback (the servers of a test) and 198.18.0.0/15 (the NAT lab's, see {@code AddressPlan}).
     */
    private static final String NO_NAME_RESOLUTION =
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.*, EXCLUDE 198.18.*, EXCLUDE 198.19.*";

    /**
     * A script to install into a page before its own scripts run: the page has no WebRTC, as in a browser without it or
     * with it switched off by policy.
     */
    public static final String WITHOUT_WEBRTC = "delete window.RTCPeerConnection;";

    private Chromium() {
    }

    /** Headless, without calls to Google, with this profile directory. */
    static ChromeOptions options(Path profile) {
        return new ChromeOptions().setBinary(BROWSER.toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,900", NO_NAME_RESOLUTION, SHOW_LOCAL_ADDRESSES,
                "--user-data-dir=" + profile.toAbsolutePath());
    }

    public static ChromeDriver start(Path profile) throws IOException {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver packages ("
                    + BROWSER + ", " + DRIVER + "); install them with apt-get");
        }
        ChromeOptions options = options(Files.createDirectories(profile));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
        return driver;
    }
}
