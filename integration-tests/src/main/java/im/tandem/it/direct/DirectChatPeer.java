package im.tandem.it.direct;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import im.tandem.client.TandemClient;
import im.tandem.client.app.ChatController;
import im.tandem.client.app.ChatEvent;
import im.tandem.client.connect.ClientConfig;
import im.tandem.client.direct.DirectConfig;

/**
 * The chat program's line mode for a NAT lab namespace: the same {@link ChatController} and {@link ChatEvent}
 * lines as {@code ./tandem chat}, with the account, server and direct-session settings from {@link PeerArguments}
 * (plain c2s to the lab's server, ICE on the lab client's interface, shortened timings).
 */
public final class DirectChatPeer {
    /** Exit status for a bad command line, as the chat program uses. */
    private static final int EXIT_USAGE = 2;

    private DirectChatPeer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ClientConfig account;
        Optional<DirectConfig> direct;
        try {
            PeerArguments arguments = PeerArguments.parse(args, Set.of());
            account = arguments.clientConfig();
            direct = arguments.directConfig();
        } catch (IllegalArgumentException e) {
            out.println(ChatEvent.withText("error", e.getMessage()).toLine());
            System.exit(EXIT_USAGE);
            return;
        }
        ChatController controller = new ChatController(event -> {
            synchronized (out) {
                out.println(event.toLine());
            }
        });
        try (TandemClient client = TandemClient.connect(account, beforeLogin -> {
            controller.attach(beforeLogin);
            direct.ifPresent(beforeLogin::enableDirect);
        })) {
            controller.started();
            controller.handleLines(System.in);
        }
        out.println(ChatEvent.of("bye").toLine());
        System.exit(0);
    }
}
