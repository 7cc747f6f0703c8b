package im.tandem.it.file;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import im.tandem.client.TandemClient;
import im.tandem.client.app.ChatController;
import im.tandem.client.app.ChatEvent;
import im.tandem.client.connect.ClientConfig;
import im.tandem.client.direct.DirectConfig;
import im.tandem.client.file.FileTransferConfig;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.it.direct.PeerArguments;

/**
 * The chat program's line mode in a NAT lab namespace, set up for files: {@code /file} and the file events exactly
 * as {@code ./tandem chat} has them, with the account and server from {@link PeerArguments} (plain c2s to the
 * lab's server), ICE on the interface {@code --direct} names, and {@value #DOWNLOADS} and {@value #TRANSPORTS}
 * forcing where files go and which transports carry them.
 */
public final class FilePeer {
    public static final String DOWNLOADS = "--downloads";
    public static final String TRANSPORTS = "--file-transports";
    /** Exit status for a bad command line, as the chat program uses. */
    private static final int EXIT_USAGE = 2;

    private FilePeer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ClientConfig account;
        FileTransferConfig files;
        try {
            PeerArguments arguments = PeerArguments.parse(args, Set.of(DOWNLOADS, TRANSPORTS));
            account = arguments.clientConfig();
            files = FileTransferConfig.defaults().withDownloadDirectory(Path.of(arguments.required(DOWNLOADS)))
                    .withTransports(TransportMethod.parseList(TRANSPORTS, arguments.required(TRANSPORTS)));
            FileTransferConfig base = files;
            files = arguments.directConfig().map(DirectConfig::ice).map(base::withIce).orElse(base);
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
        FileTransferConfig settings = files;
        try (TandemClient client = TandemClient.connect(account, beforeLogin -> {
            controller.attach(beforeLogin);
            beforeLogin.files().setConfig(settings);
        })) {
            controller.started();
            controller.handleLines(System.in);
        }
        out.println(ChatEvent.of("bye").toLine());
        System.exit(0);
    }
}
