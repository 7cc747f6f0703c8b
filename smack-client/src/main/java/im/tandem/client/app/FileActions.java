package im.tandem.client.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jxmpp.jid.EntityBareJid;

import im.tandem.client.TandemClient;
import im.tandem.client.file.FileTransfer;
import im.tandem.client.file.FileTransferException;
import im.tandem.client.file.FileTransferListener;
import im.tandem.client.file.IncomingFileOffer;
import im.tandem.client.file.io.DownloadFolder;
import im.tandem.client.file.TransferResult;
import im.tandem.client.file.io.TransferProgress;

/**
 * The chat program's file transfer: {@code /file JID PATH} offers a file, and what becomes of files that contacts
 * offer (only mutual contacts get this far) follows {@code --accept-files}: each is shown with an ID and waits for
 * {@code /accept-file ID} or {@code /decline-file ID} ({@link AcceptFiles#ASK}), is accepted into the download
 * folder ({@link AcceptFiles#CONTACTS}), or is declined ({@link AcceptFiles#NONE}). Each transfer reports
 * {@code file-progress} events while it runs and ends with {@code file-sent}, {@code file-received} or
 * {@code file-failed}; see {@link ChatEvent} for the fields.
 */
final class FileActions {
    /** What the sender is told when this program takes no files. */
    static final String NOT_ACCEPTING = "this user does not take files";
    /** What the sender is told when the user declined. */
    static final String DECLINED_BY_USER = "the user declined the file";

    private final Consumer<ChatEvent> out;
    private final AcceptFiles mode;
    /** Offers shown to the user and not yet answered, by the ID shown; an offer that ends leaves. */
    private final Map<String, IncomingFileOffer> waiting = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();

    FileActions(Consumer<ChatEvent> out, AcceptFiles mode) {
        this.out = out;
        this.mode = mode;
    }

    /** Handles contacts' offers from now on, as {@code --accept-files} says. */
    void attach(TandemClient client) {
        client.files().setIncomingFileHandler(offer -> {
            switch (mode) {
                case ASK -> ask(offer);
                case CONTACTS -> accept(offer);
                case NONE -> decline(offer, NOT_ACCEPTING);
            }
        });
    }

    /**
     * The user's answer to the offer shown as {@code id}.
     *
     * @throws IllegalArgumentException when no offer with that ID waits for an answer
     */
    void answer(String id, boolean take) {
        IncomingFileOffer offer = waiting.remove(id);
        if (offer == null) {
            throw new IllegalArgumentException("no file offer " + id + " is waiting for an answer");
        }
        try {
            if (take) {
                accept(offer);
            } else {
                decline(offer, DECLINED_BY_USER);
            }
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the file offer " + id + " has ended", e);
        }
    }

    private void ask(IncomingFileOffer offer) {
        String id = Long.toString(lastId.incrementAndGet());
        String peer = offer.peer().asBareJid().toString();
        waiting.put(id, offer);
        out.accept(ChatEvent.of("file-ask", peer, id, Long.toString(offer.size()), shownName(offer)));
        // An offer the sender withdraws (or that times out) before the user answered is no longer waiting.
        offer.transfer().result().whenComplete((result, failure) -> {
            if (waiting.remove(id, offer)) {
                out.accept(failed(offer.transfer(), peer, failure));
            }
        });
    }

    private void accept(IncomingFileOffer offer) {
        String peer = offer.peer().asBareJid().toString();
        FileTransfer transfer = offer.accept(progress(peer));
        out.accept(ChatEvent.of("file-offer", peer, Long.toString(offer.size()), shownName(offer)));
        follow(transfer, peer);
    }

    private void decline(IncomingFileOffer offer, String reason) {
        offer.decline(reason);
        out.accept(ChatEvent.withText("file-declined", reason, offer.peer().asBareJid().toString(),
                shownName(offer)));
    }

    /** The name the file is saved under: what the user sees is what the user gets (no bidi tricks, no path). */
    private static String shownName(IncomingFileOffer offer) {
        return FileFields.encode(DownloadFolder.plainName(offer.name()));
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
                out.accept(failed(transfer, peer, failure));
            }
        });
    }

    private static ChatEvent failed(FileTransfer transfer, String peer, Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        return ChatEvent.withText("file-failed", cause.getMessage(), peer, FileFields.encode(transfer.name()));
    }

    private static ChatEvent done(String kind, String peer, TransferResult result) {
        return ChatEvent.of(kind, peer, FileFields.encode(result.name()), Long.toString(result.size()),
                result.sha256(), FileFields.encode(result.path().toString()), result.route().route());
    }
}
