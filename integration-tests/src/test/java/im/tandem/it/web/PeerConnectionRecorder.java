package im.tandem.it.web;

import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Counts the RTCPeerConnections a page makes, and closes them on demand as a path that dies would: installed into
 * the browser before any page script runs, it wraps the constructor and keeps each connection in a list of the page.
 * The chat itself is unchanged; the test only watches and cuts.
 */
final class PeerConnectionRecorder {
    private static final String INSTALL = """
            (() => {
              const Native = window.RTCPeerConnection;
              const made = [];
              window.tandemTestPeerConnections = made;
              window.RTCPeerConnection = class extends Native {
                constructor(...options) {
                  super(...options);
                  made.push(this);
                }
              };
            })();
            """;

    private final ChromeDriver browser;

    private PeerConnectionRecorder(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Installs the recorder for every page the browser loads from now on. */
    static PeerConnectionRecorder install(ChromeDriver browser) {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", INSTALL));
        return new PeerConnectionRecorder(browser);
    }

    /** How many RTCPeerConnections the page has made so far. */
    long made() {
        return (Long) browser.executeScript("return window.tandemTestPeerConnections.length");
    }

    /** Closes every connection of the page at once, as when the path under the data channel dies on this side. */
    void closeAll() {
        browser.executeScript("window.tandemTestPeerConnections.forEach((connection) => connection.close())");
    }
}
