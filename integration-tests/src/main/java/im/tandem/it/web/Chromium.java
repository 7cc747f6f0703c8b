package im.tandem.it.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
     * resolving those needs multicast DNS; with this feature off the candidates carry the addresses themselves, which
     * the web chat's direct path needs between browsers on one machine or in the lab.
     */
    public static final String SHOW_LOCAL_ADDRESSES = "--disable-features=WebRtcHideLocalIpsWithMdns";
    /**
     * No host name resolves, so the browser's own calls home (Google's time, account, update, autofill and model
     * services, the default search engine's preconnect; the flags below do not stop them all) never leave the
     * machine, not even as DNS queries; inside a lab namespace, where those queries went unanswered, the first page
     * also waited seconds for them. The rules apply to address literals too, so the tests' addresses are let
     * through: loopback (the servers of a test) and 198.18.0.0/15 (the NAT lab's, see {@code AddressPlan}).
     */
    static final String NO_NAME_RESOLUTION =
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.*, EXCLUDE 198.18.*, EXCLUDE 198.19.*";

    private Chromium() {
    }

    public static ChromeDriver start(Path profile) throws IOException {
        return start(profile, List.of());
    }

    /** Headless, without calls to Google, with this profile directory and the extra flags. */
    static ChromeOptions options(Path profile, List<String> moreArguments) {
        return new ChromeOptions().setBinary(BROWSER.toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,900", NO_NAME_RESOLUTION,
                "--user-data-dir=" + profile.toAbsolutePath()).addArguments(moreArguments);
    }

    /** With more command-line flags for what a test needs of the browser. */
    public static ChromeDriver start(Path profile, List<String> moreArguments) throws IOException {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver packages ("
                    + BROWSER + ", " + DRIVER + "); install them with apt-get");
        }
        ChromeOptions options = options(Files.createDirectories(profile), moreArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
        return driver;
    }
}
