package im.tandem.client.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smackx.jingle.element.JingleReason;

import im.tandem.client.file.element.FileHash;
import im.tandem.client.file.io.DownloadFolder;
import im.tandem.client.file.io.FileDigests;
import im.tandem.client.file.io.ProgressMeter;
import im.tandem.client.file.io.Pumps;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.TransportMethod;

/**
 * A file session's file, once a transport carries it: the sender pumps it out and waits for the receiver's
 * confirmation; the receiver writes it to a temporary file, checks its hash (waiting for the sender's checksum
 * if the offer only announced it), saves it and confirms (XEP-0234 §6.5) or says what was wrong. Holds the
 * hashes, the partial file and this stage's timeouts.
 *
 * <p>Guarded by the session; the bytes move on the host's pool.
 */
final class FilePayload {
    private static final Logger LOG = Logger.getLogger(FilePayload.class.getName());

    private final FileSession session;
    private final FileSessionHost host;
    private final FileStageMachine stages;
    private final FileTransfer transfer;
    /** The file we send; null when we receive. */
    private final Path source;
    private final List<FileHash> expectedHashes;
    private final FileTimeout timeout;
    private FileTransferListener listener = new FileTransferListener() { };
    private Path temporary;
    private FileDigests digests;

    /**
     * @param source the file to send, or null to receive one
     * @param offered the hashes the offer gave (or only announced)
     */
    FilePayload(FileSession session, FileSessionHost host, FileStageMachine stages, FileTransfer transfer,
            Path source, List<FileHash> offered) {
        this.session = session;
        this.host = host;
        this.stages = stages;
        this.transfer = transfer;
        this.source = source;
        this.expectedHashes = new ArrayList<>(offered);
        this.timeout = new FileTimeout(session, host.scheduler());
    }

    /** The application's listener, given with the offer (sender) or the accept (receiver). */
    void listenWith(FileTransferListener transferListener) {
        listener = transferListener;
    }

    FileTransferListener listener() {
        return listener;
    }

    /** The transport is up: the bytes start moving, on the pool. */
    void carry(TransportMethod route, BytePipe pipe) {
        host.executor().execute(() -> {
            try {
                tellListener(() -> listener.transportChosen(transfer, route));
                if (source != null) {
                    send(pipe);
                } else {
                    receive(pipe);
                }
            } catch (RuntimeException e) {
                // Whatever broke, the session must end: left alone it would wait forever, keeping its partial file.
                LOG.log(Level.WARNING, "the transfer with " + session.peer() + " failed", e);
                synchronized (session) {
                    session.end(JingleReason.Reason.general_error, "the transfer failed: " + e.getMessage());
                }
            }
        });
    }

    private void send(BytePipe pipe) {
        try {
            if (transfer.size() > 0) {
                Pumps.send(source, pipe.output(), meter());
            } else {
                // Nothing to carry, so no write and no flush: the receiver of an empty file may close the stream
                // as soon as it opens, and a flush would then fail a file that is complete. The close below (whose
                // failure is no verdict either) tells a receiver that waits for it.
                meter().finish();
            }
        } catch (IOException e) {
            synchronized (session) {
                if (stages.stage() == FileStage.CONFIRMED) {
                    succeed(); // the receiver already has it all and said so; our end simply closed late
                } else {
                    session.end(JingleReason.Reason.connectivity_error, "sending failed: " + e.getMessage());
                }
            }
            return;
        }
        try {
            pipe.output().close();
        } catch (IOException e) {
            // Every byte is on its way: a receiver that has them all may have closed its end first. Its
            // verdict, or the confirmation timeout, decides.
            LOG.log(Level.FINE, "closing the stream to " + session.peer() + " after the last byte failed", e);
        }
        // The receiver's confirmation can only come once the bytes have crossed the path; the time it is given
        // starts then, not when the last byte fit the transport's buffer.
        pipe.awaitDelivered(config().idleTimeout());
        synchronized (session) {
            if (stages.stage() == FileStage.CONFIRMED) {
                succeed();
                return;
            }
            if (!stages.allows(FileStageEvent.ALL_SENT)) {
                return;
            }
            stages.fire(FileStageEvent.ALL_SENT);
            timeout.arm(config().confirmationTimeout(), () -> session.end(JingleReason.Reason.timeout,
                    "the receiver did not confirm the file within " + config().confirmationTimeout().toSeconds()
                            + " s"));
        }
    }

    private void receive(BytePipe pipe) {
        List<String> algorithms;
        synchronized (session) {
            algorithms = expectedHashes.stream().map(FileHash::algorithm).toList();
        }
        FileDigests computed = new FileDigests(algorithms);
        try {
            Path file = new DownloadFolder(config().downloadDirectory()).temporaryFile();
            OutputStream out;
            // Opened under the lock so that a session ending meanwhile either finds the file to delete or
            // has already ended, and then nothing is written.
            synchronized (session) {
                if (session.ended()) {
                    deleteQuietly(file);
                    return;
                }
                temporary = file;
                out = Files.newOutputStream(file);
            }
            try (out) {
                Pumps.receive(pipe.input(), transfer.size(), out, computed, meter());
            }
        } catch (IOException e) {
            synchronized (session) {
                session.end(JingleReason.Reason.connectivity_error, "receiving failed: " + e.getMessage());
            }
            return;
        }
        synchronized (session) {
            if (!stages.allows(FileStageEvent.ALL_RECEIVED)) {
                return;
            }
            digests = computed;
            if (expectedHashes.stream().anyMatch(hash -> hash.value().isPresent())) {
                verify();
            } else {
                stages.fire(FileStageEvent.ALL_RECEIVED);
                timeout.arm(config().confirmationTimeout(), () -> session.end(JingleReason.Reason.timeout,
                        "the sender never sent the file's checksum"));
            }
        }
    }

    /** Receiver: the sender's checksum (XEP-0234 §7.1), which decides once every byte is here. */
    void checksumReceived(List<FileHash> hashes) {
        expectedHashes.addAll(hashes);
        if (stages.stage() == FileStage.AWAITING_CHECKSUM) {
            verify();
        }
    }

    /**
     * The peer ended the session with {@code <success/>} while the bytes moved or were done: the receiver's
     * confirmation, which completes a sender whose every byte left; a receiver finishes its own part first.
     */
    void confirmedByPeer() {
        boolean allSent = stages.stage() == FileStage.AWAITING_CONFIRMATION;
        stages.fire(FileStageEvent.PEER_CONFIRMED);
        if (allSent) {
            succeed();
        }
    }

    /** Receiver: checks the hash, then keeps the file and confirms, or discards it and says why. */
    private void verify() {
        timeout.disarm();
        FileDigests.Verdict verdict = digests.verify(expectedHashes);
        if (!verdict.intact()) {
            session.end(JingleReason.Reason.media_error, verdict.problem());
            return;
        }
        try {
            Path kept = new DownloadFolder(config().downloadDirectory()).keep(temporary, transfer.name());
            temporary = null;
            session.succeed(result(kept, digests.sha256Hex()));
        } catch (IOException | RuntimeException e) {
            session.end(JingleReason.Reason.general_error, "cannot save the file: " + e.getMessage());
        }
    }

    /** Sender: the file arrived whole, as the receiver confirmed. */
    void succeed() {
        String sha256 = HexFormat.of().formatHex(session.file().hashes().stream()
                .filter(hash -> hash.algorithm().equals(FileHash.SHA_256)).findFirst()
                .flatMap(FileHash::value).orElseThrow());
        session.succeed(result(source, sha256));
    }

    private TransferResult result(Path path, String sha256) {
        return new TransferResult(session.peer(), transfer.name(), transfer.size(), sha256, path,
                transfer.route().orElseThrow());
    }

    /** The session is over: stops the timeout and deletes a partial file at once, before anyone learns of it. */
    void discard() {
        timeout.disarm();
        if (temporary != null) {
            deleteQuietly(temporary);
            temporary = null;
        }
    }

    private ProgressMeter meter() {
        return ProgressMeter.every(ProgressMeter.DEFAULT_INTERVAL, transfer.size(),
                progress -> tellListener(() -> listener.progress(transfer, progress)));
    }

    /** The application's listener runs on our pump threads: its failure is logged, never the transfer's end. */
    private void tellListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a file transfer listener failed", e);
        }
    }

    private FileTransferConfig config() {
        return host.config().get();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot delete the partial file " + file, e);
        }
    }
}
