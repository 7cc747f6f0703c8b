package im.tandem.it.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

import im.tandem.it.web.Chromium;

/**
 * One user of the web chat's own page ({@code /tandem/}) in a headless browser, with the conversation with one
 * peer open. The page is driven through its documented hooks (the login form's ids, {@code Tandem.chat(jid)},
 * {@code #tandem-input}, the messages' {@code data-direction}, the conversation's {@code data-route}); the round trips
 * are timed inside the page with {@code performance.now()}, so the driver's own latency is not in them.
 */
final class BrowserPeer implements AutoCloseable {
    /** Logging in and the roster showing the contact take at most this long. */
    private static final Duration READY_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);
    /** One call's round trips take at most this long: generous, for a machine busy with other work. */
    static final Duration BATCH_LIMIT = Duration.ofMinutes(5);

    /** Shared by the scripts: the panel's shadow root, and how a user sends the input's text (Enter). */
    private static final String PANEL = """
            const root = document.getElementById("tandem-chat").shadowRoot;
            const input = root.querySelector("#tandem-input");
            const log = root.querySelector("#tandem-log");
            const send = (text) => {
              input.value = text;
              input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
            };
            const incoming = (records) => records.flatMap((record) => [...record.addedNodes])
                .filter((node) => node.dataset && node.dataset.direction === "in");
            const shown = () => log.querySelectorAll(".message");
            """;

    /** Answers each message the conversation shows with its own text, as soon as it is shown. */
    private static final String ECHO = PANEL + """
            new MutationObserver((records) => incoming(records)
                .forEach((message) => send(message.querySelector(".text").textContent)))
                .observe(log, { childList: true, subtree: true });
            """;

    /**
     * Sends arguments[1] messages one after the other, each once the reply to the one before is shown, and answers
     * the time from each Enter to its reply's element in the conversation, in milliseconds; or a text saying what
     * went wrong.
     */
    private static final String ROUND_TRIPS = PANEL + """
            const [first, count, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
            const took = [];
            let expected = "";
            let start = 0;
            const next = () => {
              if (took.length === count) {
                observer.disconnect();
                done(took);
                return;
              }
              expected = "ping " + (first + took.length);
              start = performance.now();
              send(expected);
            };
            const observer = new MutationObserver((records) => {
              const replies = incoming(records);
              if (replies.length === 0) return;
              const elapsed = performance.now() - start;
              const text = replies[0].querySelector(".text").textContent;
              if (replies.length > 1 || text !== expected) {
                observer.disconnect();
                done("expected the reply '" + expected + "', the page showed " + replies.length + " starting '" + text + "'");
                return;
              }
              took.push(elapsed);
              next();
            });
            observer.observe(log, { childList: true, subtree: true });
            next();
            """;

    private final ChromeDriver driver;
    private int sent;
    /** Messages of the open conversation, both ways: more than the page shows once it drops the oldest. */
    private long exchanged;

    private BrowserPeer(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Opens the page in a browser of its own (showing its own addresses in ICE candidates, so two browsers on this
     * machine can go direct; with {@code webRtc} false the page has no WebRTC and stays on the server), logs in as
     * {@code jid} and opens the conversation with {@code peer} through the page's API.
     */
    static BrowserPeer logIn(URI page, String jid, String password, String peer, boolean webRtc) throws IOException {
        ChromeDriver driver = Chromium.start(Files.createTempDirectory("tandem-bench-chromium-"));
        try {
            if (!webRtc) {
                driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                        Map.of("source", Chromium.WITHOUT_WEBRTC));
            }
            driver.get(page.toString());
            await(driver, "the panel on " + page, "return document.getElementById('tandem-chat') !== null");
            driver.executeScript("""
                    const root = document.getElementById("tandem-chat").shadowRoot;
                    root.querySelector("#tandem-jid").value = arguments[0];
                    root.querySelector("#tandem-password").value = arguments[1];
                    root.querySelector("#tandem-login").click();
                    """, jid, password);
            await(driver, jid + " logged in",
                    "return !document.getElementById('tandem-chat').shadowRoot.querySelector('.main').hidden");
            driver.executeScript("Tandem.chat(arguments[0])", peer);
            driver.manage().timeouts().scriptTimeout(BATCH_LIMIT);
            return new BrowserPeer(driver);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    /** Waits until the open conversation goes by {@code route} ("direct", "relay" or "server"). */
    void awaitRoute(String route) {
        try {
            await(driver, "the conversation's route " + route, PANEL
                    + "return root.querySelector('.conversation').dataset.route === '" + route + "';");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; it goes by " + route() + " because: "
                    + driver.executeScript(PANEL + "return root.querySelector('#tandem-route').title;"), e);
        }
    }

    /** The route the open conversation goes by now. */
    String route() {
        return (String) driver.executeScript(PANEL + "return root.querySelector('.conversation').dataset.route;");
    }

    /** From now on, answers every message from the contact with its text. */
    void echo() {
        driver.executeScript(ECHO);
    }

    /** Runs {@code count} round trips with a contact that echoes, adding each to {@code samples}. */
    void measure(int count, Samples samples) {
        Object result = driver.executeAsyncScript(ROUND_TRIPS, sent, count);
        sent += count;
        exchanged += 2L * count;
        addRoundTrips(result, samples, "the browser");
    }

    /**
     * Adds to {@code samples} the round trips a page's script answered, a list of milliseconds from
     * {@code performance.now()}; the script answers a text instead when something went wrong in {@code page}.
     */
    static void addRoundTrips(Object result, Samples samples, String page) {
        if (!(result instanceof List<?> took)) {
            throw new IllegalStateException("round trips in " + page + " failed: " + result);
        }
        took.forEach(millis -> samples.add(Math.round(((Number) millis).doubleValue() * 1e6)));
    }

    /**
     * The page's own work for one message sent: the mean time, in milliseconds, that sending {@code count} messages
     * from the input takes in the page's script (building and writing the stanza, adding the message to the
     * conversation), one after the other without waiting for anything. Returns once their echoes are shown too.
     */
    double scriptMillisPerSend(int count) {
        String prefix = "script cost " + sent + " ";
        Number millis = (Number) driver.executeScript(PANEL + """
                const start = performance.now();
                for (let i = 0; i < arguments[1]; i++) send(arguments[0] + i);
                return (performance.now() - start) / arguments[1];
                """, prefix, count);
        sent += count;
        exchanged += 2L * count;
        // The echoes come in order: the last one shown means all came back.
        await(driver, "the echoes of " + count + " messages", PANEL + """
                const messages = shown();
                const last = messages[messages.length - 1];
                return last !== undefined && last.dataset.direction === "in"
                    && last.querySelector(".text").textContent === arguments[0];""", prefix + (count - 1));
        return millis.doubleValue();
    }

    /** How many messages the open conversation has had, both ways. */
    long exchangedMessages() {
        return exchanged;
    }

    /** How many messages the open conversation shows. */
    long shownMessages() {
        return (Long) driver.executeScript(PANEL + "return shown().length;");
    }

    /** How the panel reached the server: "websocket" or "bosh". */
    String transport() {
        return (String) driver.executeScript(
                "return document.getElementById('tandem-chat').shadowRoot.querySelector('.main').dataset.transport");
    }

    /**
     * Whether the page is cross-origin isolated, which sets how fine its clock is: Chromium gives such a page
     * {@code performance.now()} in steps of 5 microseconds, any other in steps of 100.
     */
    boolean crossOriginIsolated() {
        return Boolean.TRUE.equals(driver.executeScript("return self.crossOriginIsolated"));
    }

    String browserVersion() {
        return driver.getCapabilities().getBrowserName() + " " + driver.getCapabilities().getBrowserVersion();
    }

    /** Waits until the script {@code condition} answers true in the page, for at most the ready limit. */
    static void await(ChromeDriver driver, String what, String condition, Object... arguments) {
        Instant deadline = Instant.now().plus(READY_LIMIT);
        while (!Boolean.TRUE.equals(driver.executeScript(condition, arguments))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no " + what + " within " + READY_LIMIT);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
