package im.tandem.it.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

import im.tandem.it.direct.DirectLab;
import im.tandem.it.lab.PeerProcess;
import im.tandem.it.net.LoopbackServers;

/**
 * Debian's chromium and chromedriver running inside a lab client's network namespace, so that the browser's WebRTC
 * traffic goes through that client's NAT, driven from the test over a Unix socket: network namespaces do not
 * separate the file system, so socat joins the driver's port inside the namespace to a loopback port outside. As
 * root, Chromium needs {@code --no-sandbox} (the flags are those of {@link Chromium}). Both bridges' TCP ends send
 * without delay: a command's request and answer cross them in pieces, and with Nagle's algorithm each piece after
 * the first waited for the acknowledgement of the one before, some 20 ms a command.
 */
final class LabBrowser implements AutoCloseable {
    /** chromedriver's port inside the namespace, where nothing else listens. */
    private static final int DRIVER_PORT = 9515;
    /** Starting chromedriver and socat in a namespace. */
    private static final Duration START = Duration.ofSeconds(20);

    private final PeerProcess driverProcess;
    private final PeerProcess insideBridge;
    private final Process outsideBridge;
    final RemoteWebDriver browser;

    private LabBrowser(PeerProcess driverProcess, PeerProcess insideBridge, Process outsideBridge,
                       RemoteWebDriver browser) {
        this.driverProcess = driverProcess;
        this.insideBridge = insideBridge;
        this.outsideBridge = outsideBridge;
        this.browser = browser;
    }

    static LabBrowser start(DirectLab lab, String client) throws IOException, InterruptedException {
        Path work = lab.lab().workDirectory();
        Path socket = work.resolve("driver-" + client + ".sock");
        PeerProcess driver = lab.program(client, "chromedriver", Chromium.DRIVER.toString(), "--port=" + DRIVER_PORT);
        PeerProcess inside = lab.program(client, "driver-bridge", "socat",
                "UNIX-LISTEN:" + socket + ",fork", "TCP:127.0.0.1:" + DRIVER_PORT + ",nodelay");
        int port = LoopbackServers.freePort();
        String loopback = LoopbackServers.address();
        Process outside = new ProcessBuilder("socat",
                "TCP-LISTEN:" + port + ",bind=" + loopback + ",fork,reuseaddr,nodelay", "UNIX-CONNECT:" + socket)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("driver-bridge-" + client + ".log").toFile()).start();
        try {
            RemoteWebDriver browser = connect(URI.create("http://" + loopback + ":" + port),
                    Chromium.options(work.resolve("chromium-" + client)));
            browser.manage().timeouts().scriptTimeout(Chromium.SCRIPT_TIMEOUT);
            return new LabBrowser(driver, inside, outside, browser);
        } catch (RuntimeException e) {
            outside.destroy();
            inside.stop();
            driver.stop();
            throw e;
        }
    }

    /** The driver and the bridges take a moment to listen; until then the session request fails. */
    private static RemoteWebDriver connect(URI driver, ChromeOptions options) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            try {
                return new RemoteWebDriver(driver.toURL(), options);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(300);
            } catch (java.net.MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            outsideBridge.destroy();
            insideBridge.stop();
            driverProcess.stop();
        }
    }
}
