package im.tandem.client.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileHash;
import im.tandem.client.file.io.TransferProgress;
import im.tandem.client.file.transport.TransportFactory;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.jingle.session.JingleSessions;

/**
 * The file sessions of two parties talking real Jingle to each other (written and parsed as on the wire) over
 * transports that carry bytes in memory: offers, transport fallback, hash checks and refusals, with no server.
 */
class FileSessionsFlowTest {
    private static final long WAIT_SECONDS = 10;
    private static final FullJid ALICE = JidCreate.entityFullFromOrThrowUnchecked("alice@example.org/desk");
    private static final FullJid BOB = JidCreate.entityFullFromOrThrowUnchecked("bob@example.org/laptop");

    @TempDir
    Path work;

    private final MemoryTransports network = new MemoryTransports();

    @Test
    void aFileOfferedToAContactArrivesWholeAndBothSidesAgree() throws Exception {
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of());
        Path file = randomFile("notes.bin", 200_000);

        FileTransfer sending = parties.alice.send(file, FileOffers.describe(file), List.of(TransportMethod.IBB));
        TransferResult sent = sending.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
        TransferResult received = parties.accepted.get(WAIT_SECONDS, TimeUnit.SECONDS).result()
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(sent.sha256()).isEqualTo(sha256(file)).isEqualTo(received.sha256());
        assertThat(received.route()).isEqualTo(TransportMethod.IBB);
        assertThat(received.path()).hasSameBinaryContentAs(file).hasFileName("notes.bin");
        assertThat(parties.alice.received).extracting(Jingle::getAction)
                .containsExactly(JingleAction.session_accept, JingleAction.session_terminate);
        assertThat(parties.alice.received.get(1).getReason().asEnum()).isEqualTo(JingleReason.Reason.success);
    }

    @Test
    void anEmptyFileConfirmedBeforeTheSendersEndOfTheTransportOpensIsSent() throws Exception {
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of());
        CompletableFuture<Void> senderOpens = new CompletableFuture<>();
        network.holdInitiatorOpenUntil(senderOpens);
        Path file = randomFile("empty.txt", 0);

        FileTransfer sending = parties.alice.send(file, FileOffers.describe(file), List.of(TransportMethod.IBB));
        TransferResult received = parties.accepted.get(WAIT_SECONDS, TimeUnit.SECONDS).result()
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        TransferResult sent = sending.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
        senderOpens.complete(null);

        assertThat(received.sha256()).isEqualTo(sha256(file));
        assertThat(sent.sha256()).isEqualTo(sha256(file));
        assertThat(sent.route()).isEqualTo(TransportMethod.IBB);
        assertThat(parties.alice.received).extracting(Jingle::getAction)
                .containsExactly(JingleAction.session_accept, JingleAction.session_terminate);
    }

    /** Seen on Openfire 5.1.1: the receiver's in-band close came before its confirmation. */
    @Test
    void anEmptyFileIsSentOnAStreamTheReceiverClosedAsSoonAsItOpened() throws Exception {
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of());
        network.closeInitiatorStreamAtOnce();
        Path file = randomFile("empty.log", 0);

        FileTransfer sending = parties.alice.send(file, FileOffers.describe(file), List.of(TransportMethod.IBB));
        TransferResult sent = sending.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
        TransferResult received = parties.accepted.get(WAIT_SECONDS, TimeUnit.SECONDS).result()
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(sent.sha256()).isEqualTo(sha256(file)).isEqualTo(received.sha256());
        assertThat(sent.route()).isEqualTo(TransportMethod.IBB);
    }

    @Test
    void aStreamThatFailsToCloseAfterTheLastByteLeavesTheVerdictToTheReceiver() throws Exception {
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of());
        network.failInitiatorClose();
        Path file = randomFile("report.odt", 70_000);

        FileTransfer sending = parties.alice.send(file, FileOffers.describe(file), List.of(TransportMethod.IBB));
        TransferResult sent = sending.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
        TransferResult received = parties.accepted.get(WAIT_SECONDS, TimeUnit.SECONDS).result()
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(sent.sha256()).isEqualTo(sha256(file)).isEqualTo(received.sha256());
        assertThat(received.path()).hasSameBinaryContentAs(file);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheTransfer() throws Exception {
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of());
        Path file = randomFile("slides.pdf", 300_000);
        FileTransferListener broken = new FileTransferListener() {
            @Override
            public void transportChosen(FileTransfer transfer, TransportMethod route) {
                throw new IllegalStateException("the application's bug");
            }

            @Override
            public void progress(FileTransfer transfer, TransferProgress progress) {
                throw new IllegalStateException("the application's other bug");
            }
        };

        FileTransfer sending = parties.alice.sessions.offer(BOB, file, FileOffers.describe(file),
                List.of(TransportMethod.IBB), broken);

        assertThat(sending.result().get(WAIT_SECONDS, TimeUnit.SECONDS).sha256()).isEqualTo(sha256(file));
    }

    @Test
    void aReceiverThatFailsInAnUnforeseenWayEndsTheTransferAndKeepsNoPartialFile() throws Exception {
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of());
        network.failResponderReadsWith(new IllegalStateException("a transport's bug"));
        Path file = randomFile("song.ogg", 9000);

        FileTransfer sending = parties.alice.send(file, FileOffers.describe(file), List.of(TransportMethod.IBB));

        assertFailsWith(parties.accepted.get(WAIT_SECONDS, TimeUnit.SECONDS), JingleReason.Reason.general_error);
        assertFailsWith(sending, JingleReason.Reason.general_error);
        assertThat(parties.alice.received.get(parties.alice.received.size() - 1).getReason().getText())
                .contains("a transport's bug");
        try (var downloads = Files.list(parties.downloads)) {
            assertThat(downloads).as("no partial file is left").isEmpty();
        }
    }

    @Test
    void aContactOverItsShareOfOpenFilesIsToldTheReceiverIsBusy() throws Exception {
        List<IncomingFileOffer> waiting = new CopyOnWriteArrayList<>();
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of(), true,
                config -> config.withIncoming(config.incoming().withPerContact(1)));
        parties.bob.sessions.setIncomingHandler(waiting::add); // the user has not answered yet
        Path first = randomFile("one.txt", 10);
        Path second = randomFile("two.txt", 10);

        parties.alice.send(first, FileOffers.describe(first), List.of(TransportMethod.IBB));
        FileTransfer refused = parties.alice.send(second, FileOffers.describe(second), List.of(TransportMethod.IBB));

        assertFailsWith(refused, JingleReason.Reason.busy);
        assertThat(refusal(refused)).contains("too many files from alice@example.org at once");
        assertThat(waiting).extracting(IncomingFileOffer::name).containsExactly("one.txt");
    }

    @Test
    void anOfferThatWouldEatIntoTheFreeSpaceReserveIsDeclinedSayingWhy() throws Exception {
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of(), true,
                config -> config.withIncoming(config.incoming().withFreeSpaceReserve(Long.MAX_VALUE / 2)));
        Path file = randomFile("movie.mkv", 10);

        FileTransfer sending = parties.alice.send(file, FileOffers.describe(file), List.of(TransportMethod.IBB));

        assertFailsWith(sending, JingleReason.Reason.decline);
        assertThat(refusal(sending)).contains("not enough free disk space");
        assertThat(parties.accepted).isNotDone();
    }

    @Test
    void whenTheFirstTransportFailsTheNextReplacesIt() throws Exception {
        Parties parties = parties(List.of(TransportMethod.S5B, TransportMethod.IBB), Set.of(TransportMethod.S5B));
        Path file = randomFile("photo.jpg", 1);

        FileTransfer sending = parties.alice.send(file, FileOffers.describe(file),
                List.of(TransportMethod.S5B, TransportMethod.IBB));

        assertThat(sending.result().get(WAIT_SECONDS, TimeUnit.SECONDS).route()).isEqualTo(TransportMethod.IBB);
        assertThat(parties.bob.received).extracting(Jingle::getAction).containsExactly(JingleAction.session_initiate,
                JingleAction.transport_replace);
        assertThat(parties.alice.received).extracting(Jingle::getAction).containsExactly(JingleAction.session_accept,
                JingleAction.transport_accept, JingleAction.session_terminate);
    }

    @Test
    void aDamagedFileIsDiscardedAndBothSidesLearnIt() throws Exception {
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of());
        Path file = randomFile("contract.pdf", 5000);
        FileDescription honest = FileOffers.describe(file);
        byte[] wrong = honest.file().hashes().get(0).value().orElseThrow();
        wrong[7] ^= 0x20;
        FileDescription lying = new FileDescription(honest.file().withHashes(List.of(FileHash.of("sha-256", wrong))));

        FileTransfer sending = parties.alice.send(file, lying, List.of(TransportMethod.IBB));

        assertFailsWith(sending, JingleReason.Reason.media_error);
        assertFailsWith(parties.accepted.get(WAIT_SECONDS, TimeUnit.SECONDS), JingleReason.Reason.media_error);
        try (var downloads = Files.list(parties.downloads)) {
            assertThat(downloads).as("neither the file nor its temporary copy is kept").isEmpty();
        }
    }

    @Test
    void aStrangersOfferIsDeclinedWithoutAskingTheUser() throws Exception {
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of(), false);
        Path file = randomFile("free-money.exe", 10);

        FileTransfer sending = parties.alice.send(file, FileOffers.describe(file), List.of(TransportMethod.IBB));

        assertFailsWith(sending, JingleReason.Reason.decline);
        assertThat(parties.alice.received.get(0).getReason().getText()).isEqualTo(JingleSessions.NOT_A_CONTACT);
        assertThat(parties.accepted).isNotDone();
    }

    @Test
    void anOfferRefusedForItsTransportIsMadeAgainOverTheNext() throws Exception {
        Parties parties = parties(List.of(TransportMethod.IBB), Set.of());
        Path file = randomFile("b.txt", 300);

        FileTransfer sending = parties.alice.send(file, FileOffers.describe(file),
                List.of(TransportMethod.S5B, TransportMethod.IBB));

        assertThat(sending.result().get(WAIT_SECONDS, TimeUnit.SECONDS).route()).isEqualTo(TransportMethod.IBB);
        List<Jingle> offers = parties.bob.received.stream()
                .filter(jingle -> jingle.getAction() == JingleAction.session_initiate).toList();
        assertThat(offers).hasSize(2);
        assertThat(offers.get(0).getSid()).isNotEqualTo(offers.get(1).getSid());
        assertThat(parties.alice.received.get(0).getReason().asEnum())
                .isEqualTo(JingleReason.Reason.unsupported_transports);
    }

    @Test
    void anOfferOverATransportTheReceiverDoesNotUseIsRefused() throws Exception {
        Parties parties = parties(List.of(TransportMethod.S5B), Set.of());
        Path file = randomFile("a.txt", 3);

        FileTransfer sending = parties.alice.send(file, FileOffers.describe(file), List.of(TransportMethod.IBB));

        assertFailsWith(sending, JingleReason.Reason.unsupported_transports);
    }

    private Path randomFile(String name, int size) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return Files.write(work.resolve(name), content);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void assertFailsWith(FileTransfer transfer, JingleReason.Reason reason) {
        assertThatThrownBy(() -> transfer.result().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(FileTransferException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static String refusal(FileTransfer transfer) {
        return transfer.result().handle((result, failure) -> failure.getMessage()).join();
    }

    private Parties parties(List<TransportMethod> bobUses, Set<TransportMethod> broken) {
        return parties(bobUses, broken, true);
    }

    private Parties parties(List<TransportMethod> bobUses, Set<TransportMethod> broken, boolean contacts) {
        return parties(bobUses, broken, contacts, UnaryOperator.identity());
    }

    /**
     * Alice may send over S5B and IBB; Bob takes {@code bobUses}, with his settings changed by {@code bobSettings};
     * {@code broken} transports never connect.
     */
    private Parties parties(List<TransportMethod> bobUses, Set<TransportMethod> broken, boolean contacts,
            UnaryOperator<FileTransferConfig> bobSettings) {
        Map<TransportMethod, TransportFactory> factories = Map.of(
                TransportMethod.S5B, network.factory(TransportMethod.S5B, !broken.contains(TransportMethod.S5B)),
                TransportMethod.IBB, network.factory(TransportMethod.IBB, !broken.contains(TransportMethod.IBB)));
        Path downloads = work.resolve("downloads");
        FileTransferConfig base = FileTransferConfig.defaults().withDownloadDirectory(downloads);
        Set<BareJid> aliceKnows = Set.of(BOB.asBareJid());
        Set<BareJid> bobKnows = contacts ? Set.of(ALICE.asBareJid()) : Set.of();
        WiredParty alice = new WiredParty(ALICE, aliceKnows, base.withTransports(
                List.of(TransportMethod.S5B, TransportMethod.IBB)), factories);
        WiredParty bob = new WiredParty(BOB, bobKnows, bobSettings.apply(base.withTransports(bobUses)), factories);
        WiredParty.connect(alice, bob);
        CompletableFuture<FileTransfer> accepted = new CompletableFuture<>();
        bob.sessions.setIncomingHandler(offer -> accepted.complete(offer.accept(new FileTransferListener() { })));
        return new Parties(alice, bob, accepted, downloads);
    }

    private record Parties(WiredParty alice, WiredParty bob, CompletableFuture<FileTransfer> accepted,
                           Path downloads) {
    }
}
