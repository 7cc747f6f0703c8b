package im.tandem.it.web;

import java.util.List;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Counts the RTCPeerConnections a page makes, closes them on demand as a path that dies would, notes the counts of the
 * acknowledgements the page sends on its data channels (XEP-0198's {@code <a h='N'/>}), can lose them, and can send
 * other data on the channels before the page's own:
 * installed into the browser before any page script runs, it wraps the constructor (keeping each connection in a list
 * of the page) and the channel's send. The chat itself is unchanged; the test only watches, cuts and adds.
 */
final class PeerConnectionRecorder {
    private static final String INSTALL = """
            (() => {
              const Native = window.RTCPeerConnection;
              const made = [];
              window.tandemTestPeerConnections = made;
              const send = RTCDataChannel.prototype.send;
              window.tandemTestSendFirst = [];
              window.tandemTestAcknowledgements = [];
              RTCDataChannel.prototype.send = function (data) {
                window.tandemTestSendFirst.splice(0).forEach((first) => send.call(this, first));
                const acknowledgement = /^<a [^>]*h="([0-9]+)"/.exec(String(data));
                if (acknowledgement) window.tandemTestAcknowledgements.push(Number(acknowledgement[1]));
                if (!(window.tandemTestDropAcknowledgements && acknowledgement)) {
                  send.call(this, data);
                }
              };
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

    /**
     * The counts of the acknowledgements the page has sent on its data channels so far, in order (each channel counts
     * from its first message).
     */
    List<Long> acknowledgementsSent() {
        return ((List<?>) browser.executeScript("return window.tandemTestAcknowledgements")).stream()
                .map(count -> ((Number) count).longValue()).toList();
    }

    /** While on, what the page sends on a data channel that acknowledges a message is dropped, as a lossy path would. */
    void dropAcknowledgements(boolean drop) {
        browser.executeScript("window.tandemTestDropAcknowledgements = arguments[0]", drop);
    }

    /** The next time the page sends on a data channel, these go first on that channel, as a faulty contact would send. */
    void sendBeforeNext(String... data) {
        browser.executeScript("window.tandemTestSendFirst.push(...arguments)", (Object[]) data);
    }

    /** Closes every connection of the page at once, as when the path under the data channel dies on this side. */
    void closeAll() {
        browser.executeScript("window.tandemTestPeerConnections.forEach((connection) => connection.close())");
    }
}
