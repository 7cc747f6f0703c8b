package im.tandem.it.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;

import im.tandem.it.web.Chromium;

/**
 * A page in a headless browser that chats with one contact without the panel: the floors under the web chat's round
 * trip through the server. {@link Kind#SESSION} runs the web chat's own XMPP side (its session and WebSocket connector
 * on xmpp.js, from the same sources and lock file; no panel, no direct path) and shows nothing, so it sends and
 * answers exactly the web chat's stanzas (each message with a receipt request, a chat state and an origin id; each
 * request answered with a receipt once the page's turn is done). {@link Kind#BARE_WEBSOCKET} runs no library,
 * only the browser's WebSocket and a few lines that log in and pick the body and the receipt request out of each
 * message with string matching (enough for the stanzas of this benchmark, not a client anyone could use). The first is
 * what the web chat's code takes before any drawing or any of the panel's work; the second what the browser and the
 * server take. {@link Kind#SESSION_PLAIN_LOG} is the first with each message shown in the plainest log a page can
 * have: what any page that shows its messages takes on the web chat's code.
 */
final class FloorPeer implements AutoCloseable {
    /** What a floor page runs. */
    enum Kind {
        /** The web chat's XMPP side alone. */
        SESSION("two pages with the web chat's XMPP side alone (xmpp.js, no panel), through the server"),
        /** The web chat's XMPP side, each message shown in the plainest log. */
        SESSION_PLAIN_LOG("two pages with the web chat's XMPP side and the plainest log (no panel), through the "
                + "server"),
        /** The browser's WebSocket and no library. */
        BARE_WEBSOCKET("two pages on a bare WebSocket (no library, no panel), through the server");

        /** The pair's row in the benchmark's table. */
        final String pair;

        Kind(String pair) {
            this.pair = pair;
        }
    }

    /** Where the build puts the script of the web chat's XMPP side among the benchmark's classes. */
    private static final String SESSION_SCRIPT = "floor.js";
    /** Logging in takes at most this long. */
    private static final Duration LOGIN_LIMIT = Duration.ofSeconds(30);
    /** Messages the plainest log keeps: as many as the panel shows by default. */
    private static final int PLAIN_LOG_KEPT = 200;

    /**
     * The least a page can do to show each message, for {@link Kind#SESSION_PLAIN_LOG}: a line of text per message in
     * a log about the size of the panel's on the web chat's page, at most arguments[0] kept, scrolled to its end once a
     * frame. Defines window.floorShow, which the session's page calls for each message sent and received.
     */
    private static final String PLAIN_LOG = """
            const log = document.createElement("div");
            log.style.cssText = "position: fixed; top: 0; left: 0; width: 690px; height: 650px; overflow-y: auto";
            document.body.append(log);
            let scrollDue = false;
            window.floorShow = (text) => {
              const line = document.createElement("div");
              line.textContent = text;
              log.append(line);
              if (log.childElementCount > arguments[0]) log.firstElementChild.remove();
              if (scrollDue) return;
              scrollDue = true;
              requestAnimationFrame(() => {
                scrollDue = false;
                log.scrollTop = log.scrollHeight;
              });
            };
            """;

    /**
     * With the web chat's XMPP side loaded: logs in as arguments[1] with password arguments[2] over the WebSocket at
     * arguments[0] as the web chat does (roster, then presence); the session answers each receipt request itself.
     * Each message sent and received is shown first where the page defines window.floorShow. Answers "ok" or what
     * failed.
     */
    private static final String SESSION_LOG_IN = """
            const [service, jid, password, done] = arguments;
            const session = new TandemFloor.Session([{ name: "websocket", url: service }]);
            const show = window.floorShow || (() => {});
            window.floor = { onBody: () => {}, send: (to, text) => {
              session.sendMessage(to, text);
              show(text);
            } };
            session.addEventListener("message", ({ detail }) => {
              show(detail.body);
              window.floor.onBody(detail.jid, detail.body);
            });
            session.login(jid, password).then(() => done("ok"), (problem) => done("login failed: " + problem.message));
            """;

    /**
     * The same with the browser's WebSocket alone: the login (SASL PLAIN, bind, session, presence) as fixed steps, and
     * each message's sender, body, id and receipt request found by string matching.
     */
    private static final String BARE_LOG_IN = """
            const [service, jid, password, done] = arguments;
            const [user, domain] = jid.split("@");
            const ws = new WebSocket(service, "xmpp");
            const open = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${domain}" version="1.0"/>`;
            const client = (stanza) => ws.send(stanza.replace(/^<(\\w+)/, '<$1 xmlns="jabber:client"'));
            // Each step: what the server's frame must hold to take it, and what the page then writes.
            const steps = [
              ["<mechanisms", () => ws.send('<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">'
                  + btoa("\\0" + user + "\\0" + password) + "</auth>")],
              ["<success", () => ws.send(open)],
              ["<bind", () => client('<iq type="set" id="bind"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></iq>')],
              ['id="bind"', () => client('<iq type="set" id="session">'
                  + '<session xmlns="urn:ietf:params:xml:ns:xmpp-session"/></iq>')],
              ['id="session"', () => { client("<presence/>"); done("ok"); }],
            ];
            let step = 0;
            let sent = 0;
            window.floor = { onBody: () => {} };
            window.floor.send = (to, text) => client(`<message to="${to}" type="chat" id="m${sent++}">`
                + `<body>${text}</body><request xmlns="urn:xmpp:receipts"/></message>`);
            ws.onopen = () => ws.send(open);
            ws.onclose = (event) => {
              if (step < steps.length) done("closed (" + event.code + ") at login step " + step);
            };
            ws.onmessage = ({ data }) => {
              if (step < steps.length) {
                if (data.startsWith("<failure")) done("login refused: " + data);
                else if (data.includes(steps[step][0])) steps[step++][1]();
                return;
              }
              if (!data.startsWith("<message")) return;
              const from = /from="([^"]*)"/.exec(data)[1];
              const body = /<body>([^<]*)<\\/body>/.exec(data);
              if (body) window.floor.onBody(from.split("/")[0], body[1]);
              const id = /id="([^"]*)"/.exec(data);
              if (id && data.includes('<request xmlns="urn:xmpp:receipts"')) {
                queueMicrotask(() => client(`<message to="${from}" id="r${sent++}">`
                    + `<received xmlns="urn:xmpp:receipts" id="${id[1]}"/></message>`));
              }
            };
            """;

    /** Answers each message with its own text at once. */
    private static final String ECHO = "window.floor.onBody = (from, text) => window.floor.send(from, text);";

    /**
     * Sends arguments[2] messages to arguments[0] one after the other, each once the reply to the one before came, and
     * answers the time from each send to its reply, in milliseconds; or a text saying what went wrong.
     */
    private static final String ROUND_TRIPS = """
            const [peer, first, count, done] = arguments;
            const took = [];
            let expected = "";
            let start = 0;
            const next = () => {
              if (took.length === count) {
                window.floor.onBody = () => {};
                done(took);
                return;
              }
              expected = "ping " + (first + took.length);
              start = performance.now();
              window.floor.send(peer, expected);
            };
            window.floor.onBody = (from, text) => {
              const elapsed = performance.now() - start;
              if (text !== expected) {
                window.floor.onBody = () => {};
                done("expected the reply '" + expected + "', got '" + text + "'");
                return;
              }
              took.push(elapsed);
              next();
            };
            next();
            """;

    private final ChromeDriver driver;
    private final String peer;
    private int sent;

    private FloorPeer(ChromeDriver driver, String peer) {
        this.driver = driver;
        this.peer = peer;
    }

    /**
     * Opens the web chat's {@code page} and takes its panel out before it logs in (the page's origin, which the
     * server's WebSocket takes connections from, and its headers, which make the page cross-origin isolated and its
     * clock as fine as the web chat's), loads the web chat's XMPP side (and the plainest log) into it if {@code kind}
     * uses them, and logs in as {@code jid} over the WebSocket there, to chat with {@code peer}.
     */
    static FloorPeer logIn(Kind kind, URI page, String jid, String password, String peer) throws IOException {
        ChromeDriver driver = Chromium.start(Files.createTempDirectory("tandem-bench-chromium-"));
        try {
            driver.get(page.toString());
            BrowserPeer.await(driver, "the panel on " + page, "return document.getElementById('tandem-chat') !== null");
            driver.executeScript("document.getElementById('tandem-chat').remove()");
            if (kind == Kind.SESSION_PLAIN_LOG) {
                driver.executeScript(PLAIN_LOG, PLAIN_LOG_KEPT);
            }
            boolean session = kind != Kind.BARE_WEBSOCKET;
            if (session) {
                driver.executeScript(sessionScript());
            }
            driver.manage().timeouts().scriptTimeout(LOGIN_LIMIT);
            Object result = driver.executeAsyncScript(session ? SESSION_LOG_IN : BARE_LOG_IN,
                    "ws://" + page.getAuthority() + "/ws/", jid, password);
            if (!"ok".equals(result)) {
                throw new IllegalStateException(kind + " page as " + jid + ": " + result);
            }
            driver.manage().timeouts().scriptTimeout(BrowserPeer.BATCH_LIMIT);
            return new FloorPeer(driver, peer);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    private static String sessionScript() throws IOException {
        try (InputStream in = FloorPeer.class.getResourceAsStream(SESSION_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SESSION_SCRIPT + " is not among the benchmark's classes: the build "
                        + "copies it from the plugin's build (build the plugin first)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** From now on, answers every message with its text. */
    void echo() {
        driver.executeScript(ECHO);
    }

    /** Runs {@code count} round trips with a contact that echoes, adding each to {@code samples}. */
    void measure(int count, Samples samples) {
        Object result = driver.executeAsyncScript(ROUND_TRIPS, peer, sent, count);
        sent += count;
        BrowserPeer.addRoundTrips(result, samples, "the floor page");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
