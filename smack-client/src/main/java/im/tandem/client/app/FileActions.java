package im.tandem.client.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.jxmpp.jid.EntityBareJid;

import im.tandem.client.TandemClient;
import im.tandem.client.file.FileTransfer;
import im.tandem.client.file.FileTransferException;
import im.tandem.client.file.FileTransferListener;
import im.tandem.client.file.TransferResult;
import im.tandem.client.file.io.TransferProgress;

/**
 * The chat program's file transfer: {@code /file JID PATH} offers a file, and files that contacts offer are
 * accepted into the download folder (only mutual contacts get this far). Each transfer reports
 * {@code file-progress} events while it runs and ends with {@code file-sent}, {@code file-received} or
 * {@code file-failed}; see {@link ChatEvent} for the fields.
 */
final class FileActions {
    private final Consumer<ChatEvent> out;

    FileActions(Consumer<ChatEvent> out) {
        this.out = out;
    }

    /** Accepts contacts' files from now on. */
    void attach(TandemClient client) {
        client.files().setIncomingFileHandler(offer -> {
            String peer = offer.peer().asBareJid().toString();
            out.accept(ChatEvent.of("file-offer", peer, Long.toString(offer.size()), FileFields.encode(offer.name())));
            follow(offer.accept(progress(peer)), peer);
        });
    }

    /** Offers the file; the outcome comes later, as an event. */
    void send(TandemClient client, EntityBareJid to, Path file) throws IOException, InterruptedException {
        String peer = to.toString();
        FileTransfer transfer;
        try {
            transfer = client.files().send(to, file, progress(peer));
        } catch (FileTransferException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        out.accept(ChatEvent.withText("info", "offering " + file.getFileName() + " (" + transfer.size() + " bytes) to "
                + transfer.peer()));
        follow(transfer, peer);
    }

    private FileTransferListener progress(String peer) {
        return new FileTransferListener() {
            @Override
            public void progress(FileTransfer transfer, TransferProgress progress) {
                out.accept(ChatEvent.of("file-progress", peer, Integer.toString(progress.percent()),
                        Long.toString(progress.bytesPerSecond()), FileFields.encode(transfer.name())));
            }
        };
    }

    private void follow(FileTransfer transfer, String peer) {
        transfer.result().whenComplete((result, failure) -> {
            if (result != null) {
                out.accept(done(transfer.direction() == FileTransfer.Direction.SEND ? "file-sent" : "file-received",
                        peer, result));
            } else {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                out.accept(ChatEvent.withText("file-failed", cause.getMessage(), peer,
                        FileFields.encode(transfer.name())));
            }
        });
    }

    private static ChatEvent done(String kind, String peer, TransferResult result) {
        return ChatEvent.of(kind, peer, FileFields.encode(result.name()), Long.toString(result.size()),
                result.sha256(), FileFields.encode(result.path().toString()), result.route().route());
    }
}
