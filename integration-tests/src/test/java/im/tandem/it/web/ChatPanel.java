package im.tandem.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The embedded panel as a user meets it, through the hooks the README documents for site integrators: the login
 * form's ids, the roster entries' {@code data-jid} and {@code data-presence}, {@code #tandem-input}, and each
 * message's {@code data-from}, {@code data-direction} and {@code data-route}. The panel lives in a shadow root
 * under {@code #tandem-chat}.
 */
final class ChatPanel {
    /** The panel appears once the async script has run; each step of the chat is expected within this. */
    static final Duration WAIT = Duration.ofSeconds(20);

    /** The plugin's commands that set an email address or phone number, and that take the code sent to it. */
    static final String ADDRESS_COMMAND = "https://tandem.im/ns/notify#address";
    static final String VERIFY_COMMAND = "https://tandem.im/ns/notify#verify";

    private final WebDriver driver;

    ChatPanel(WebDriver driver) {
        this.driver = driver;
    }

    SearchContext root() {
        return await().atMost(WAIT).ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .until(() -> driver.findElement(By.id("tandem-chat")).getShadowRoot(), root -> root != null);
    }

    WebElement find(String css) {
        return root().findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return root().findElements(By.cssSelector(css));
    }

    void open() {
        find("#tandem-toggle").click();
    }

    void logIn(String name, String password) {
        find("#tandem-jid").sendKeys(name);
        find("#tandem-password").sendKeys(password);
        find("#tandem-login").click();
        await().atMost(WAIT).until(() -> find("#tandem-me").isDisplayed());
    }

    /** How the panel reached the server: "websocket" or "bosh". */
    String transport() {
        return find(".main").getAttribute("data-transport");
    }

    void logOut() {
        find("#tandem-logout").click();
        await().atMost(WAIT).until(() -> find("#tandem-jid").isDisplayed());
    }

    /** The roster entry's {@code data-presence}, or empty when the contact is not on the roster shown. */
    Optional<String> presenceOf(String jid) {
        try {
            return Optional.ofNullable(find("#tandem-roster li[data-jid='" + jid + "']").getAttribute("data-presence"));
        } catch (NoSuchElementException | StaleElementReferenceException e) {
            return Optional.empty();
        }
    }

    /** The status text, read from the page whether or not the roster is in view at the moment. */
    String statusOf(String jid) {
        return find("#tandem-roster li[data-jid='" + jid + "'] .status").getDomProperty("textContent");
    }

    void openConversation(String jid) {
        find("#tandem-roster li[data-jid='" + jid + "']").click();
    }

    void send(String text) {
        WebElement input = find("#tandem-input");
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** Writes each text and presses Enter, all in one turn of the page's event loop, as fast as a script can. */
    void sendAtOnce(List<String> texts) {
        root();
        script("""
                const input = document.getElementById("tandem-chat").shadowRoot.querySelector("#tandem-input");
                for (const text of arguments[0]) {
                  input.value = text;
                  input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
                }
                """, texts);
    }

    /** The open conversation's route: {@code server}, {@code direct} or {@code relay}. */
    String route() {
        return find(".conversation").getAttribute("data-route");
    }

    /** Why the open conversation is on its route, as the page tells its user (the route mark's title). */
    String routeReason() {
        return find("#tandem-route").getAttribute("title");
    }

    /** The messages shown in the open conversation. */
    List<ShownMessage> messages() {
        try {
            return findAll("#tandem-log .message").stream().map(element -> new ShownMessage(
                    element.getAttribute("data-from"), element.getAttribute("data-direction"),
                    element.getAttribute("data-route"), element.findElement(By.cssSelector(".text")).getText(),
                    element.getAttribute("data-receipt"))).toList();
        } catch (StaleElementReferenceException e) {
            return List.of();
        }
    }

    /** The count on the collapse button: messages not yet seen, in all conversations; empty when there are none. */
    String unreadBadge() {
        return find("#tandem-unread").getDomProperty("textContent");
    }

    String typing() {
        return find("#tandem-typing").getText();
    }

    /**
     * From now on the page notes the wall-clock time (epoch milliseconds, {@code Date.now()}) at which the roster
     * first shows {@code jid} as available, and at which the panel first shows its user logged in (the roster has
     * arrived and the user's presence is sent: the user is online); read them with {@link #seenOnlineAt} and
     * {@link #loggedInAt}. The page notes them itself, as the change happens, so the driver's polling adds nothing
     * to the times measured.
     */
    void watchOnline(String jid) {
        root();
        script("""
                const jid = arguments[0];
                const root = document.getElementById("tandem-chat").shadowRoot;
                window.tandemOnlineAt = window.tandemOnlineAt || {};
                const check = () => {
                  const entry = root.querySelector("#tandem-roster li[data-jid='" + jid + "']");
                  if (entry && entry.dataset.presence === "available" && !(jid in window.tandemOnlineAt)) {
                    window.tandemOnlineAt[jid] = Date.now();
                  }
                  if (!root.querySelector(".main").hidden && window.tandemLoggedInAt === undefined) {
                    window.tandemLoggedInAt = Date.now();
                  }
                };
                new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true });
                check();
                """, jid);
    }

    /** When the page first showed {@code jid} online, in epoch milliseconds, once {@link #watchOnline} saw it. */
    Optional<Long> seenOnlineAt(String jid) {
        Object at = script("return (window.tandemOnlineAt || {})[arguments[0]];", jid);
        return Optional.ofNullable((Number) at).map(Number::longValue);
    }

    /** When the panel first showed its user logged in, in epoch milliseconds, once {@link #watchOnline} saw it. */
    Optional<Long> loggedInAt() {
        return Optional.ofNullable((Number) script("return window.tandemLoggedInAt;")).map(Number::longValue);
    }

    /** Runs a script in the page, with {@code arguments[0]...} set to {@code arguments}. */
    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Opens one of the plugin's commands from the settings list, chooses {@code channel} in its channel list unless
     * that is empty (the form's default then stays), fills its one text field and saves; the answer must carry no
     * error note.
     */
    void runCommand(String node, String channel, String text) {
        await().atMost(WAIT).until(() -> !findAll("#tandem-settings button[data-node='" + node + "']").isEmpty());
        find("#tandem-settings button[data-node='" + node + "']").click();
        await().atMost(WAIT).until(() -> !findAll("#tandem-settings .submit").isEmpty());
        if (!channel.isEmpty()) {
            find("#tandem-settings .command select option[value='" + channel + "']").click();
        }
        find("#tandem-settings .command input[type='text']").sendKeys(text);
        find("#tandem-settings .submit").click();
        await().atMost(WAIT).until(() -> !findAll("#tandem-settings .note").isEmpty());
        assertThat(findAll("#tandem-settings .note.error")).isEmpty();
    }

    /** One message as the panel shows it. */
    record ShownMessage(String from, String direction, String route, String text, String receipt) {
    }
}
