package im.tandem.it.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import im.tandem.it.direct.DirectLab;
import im.tandem.it.lab.PeerProcess;

/**
 * The demo's conversation: alice writes to bob, which goes through the server while the clients try a direct
 * session; once it is up (or has failed, saying why) both write again, and the events of both chat programs are
 * shown side by side as they come.
 */
final class DemoScript implements AutoCloseable {
    static final String ALICE_CLIENT = "a";
    static final String BOB_CLIENT = "b";
    /** How long a step may take before the demo says what did not happen: ICE alone gives up after 15 s. */
    static final Duration STEP_LIMIT = Duration.ofSeconds(60);

    /** What the conversation showed. */
    record Outcome(String route, String path, String why, List<String> messages) {
        String summary() {
            StringBuilder text = new StringBuilder(System.lineSeparator());
            text.append(route.equals("direct")
                    ? "The conversation went direct over the " + path + " path (" + pathMeaning(path) + ")."
                    : "The conversation stayed on the server: " + why + ".");
            text.append(System.lineSeparator()).append("How each message travelled:");
            messages.forEach(message -> text.append(System.lineSeparator()).append("  ").append(message));
            return text.toString();
        }

        private static String pathMeaning(String path) {
            return switch (path) {
                case "host" -> "the two clients reach each other's own addresses";
                case "srflx" -> "through the holes the NATs opened, found with the server's STUN service";
                case "relay" -> "through the TURN relay, as the NATs let nothing else through";
                default -> path;
            };
        }
    }

    private final DirectLab lab;
    private final PrintStream out;
    private final SideBySide view;
    private PeerProcess alice;
    private PeerProcess bob;

    DemoScript(DirectLab lab, PrintStream out) {
        this.lab = lab;
        this.out = out;
        this.view = new SideBySide(out);
    }

    Outcome run() throws InterruptedException {
        lab.offerTurn();
        lab.contacts("alice", "bob");
        alice = lab.chatPeer(ALICE_CLIENT, "alice");
        bob = lab.chatPeer(BOB_CLIENT, "bob");
        view.start(alice, bob);
        String bobJid = lab.jid("bob");
        String aliceJid = lab.jid("alice");
        alice.await("connected ", STEP_LIMIT);
        bob.await("connected ", STEP_LIMIT);
        alice.awaitContactOnline(bobJid, STEP_LIMIT);

        alice.send("/to " + bobJid);
        alice.send("hello bob, this goes through the server while a direct path is tried");
        String[] route = alice.await("route " + bobJid + " ", STEP_LIMIT).split(" ", 5);
        alice.send(route[2].equals("direct") ? "and this one goes direct" : "still through the server");
        if (route[2].equals("direct")) {
            // Bob's side switches once it has the session too; until then his answer would take the server.
            bob.awaitPrinted(line -> line.startsWith("route " + aliceJid + " direct "), "direct route", STEP_LIMIT);
        }
        bob.send("/msg " + aliceJid + " hi alice, my answer takes the same way");

        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            messages.add(describe(bob.await("message " + aliceJid + " ", STEP_LIMIT), "alice → bob"));
        }
        messages.add(describe(alice.await("message " + bobJid + " ", STEP_LIMIT), "bob → alice"));
        view.stop();
        return new Outcome(route[2], route[3], route.length > 4 ? route[4] : "", messages);
    }

    /**
     * Lets the user go on as alice: her scripted program ends and the chat program starts in her namespace on this
     * terminal, with direct sessions on her lab interface; bob's program stays to receive.
     */
    void handOver() throws IOException, InterruptedException {
        List<String> chat = aliceChat();
        out.println();
        out.println("You are alice now; bob is " + lab.jid("bob") + ". /quit ends the demo.");
        new ProcessBuilder(chat).inheritIO().start().waitFor();
    }

    /**
     * Ends alice's scripted program and returns the command line of the chat program that takes her place: in her
     * namespace, with direct sessions on her lab interface.
     */
    List<String> aliceChat() throws IOException {
        alice.close();
        Path password = Files.writeString(lab.lab().workDirectory().resolve("alice.password"),
                DirectLab.password("alice") + "\n");
        return lab.lab().javaCommand(lab.lab().clientNamespace(ALICE_CLIENT), List.of(),
                "im.tandem.client.app.ChatCommand", List.of(lab.jid("alice"), "--password-file", password.toString(),
                        "--server", lab.server().host() + ":" + lab.server().clientPort(),
                        "--direct", DirectLab.CLIENT_INTERFACE, "--no-tls",
                        "--log", lab.lab().workDirectory().resolve("alice-chat.log").toString()));
    }

    /** Bob's chat program, which stays after the script to receive what the user writes as alice. */
    PeerProcess bob() {
        return bob;
    }

    /** "alice → bob: direct: TEXT" from a {@code message JID ROUTE TEXT} event. */
    private static String describe(String event, String who) {
        String[] fields = event.split(" ", 4);
        return who + " [" + fields[2] + "]: " + fields[3];
    }

    @Override
    public void close() {
        view.stop();
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
    }
}
