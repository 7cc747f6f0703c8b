package im.tandem.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.TandemClient;
import im.tandem.ice.stun.LoopbackPorts;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/** The chat program, driven line by line as a script would, against the real server. */
@Tag("server")
class ChatProgramTest {
    private static final int STUN_PORT = freeStunPorts();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("bob", "bob-pw")
            .property("tandem.stun.enabled", "true")
            .property("tandem.stun.primary", "127.0.0.1:" + STUN_PORT)
            .property("tandem.stun.alternate", "127.0.0.2")
            .build());

    @TempDir
    static Path work;

    @BeforeAll
    static void contacts() {
        OPENFIRE.server().befriend("alice", "bob");
    }

    @Test
    void twoChatProgramsTalkSeeEachOtherComeAndGoAndDiscoverTheirNat() throws Exception {
        try (ChatProgram bob = ChatProgram.start(OPENFIRE.server(), "bob", "bob-pw", work)) {
            assertThat(bob.await("connected ")).startsWith("connected bob@localhost/");
            assertThat(bob.await("contact alice@localhost")).isEqualTo("contact alice@localhost offline both - alice");

            try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work)) {
                // Bob's presence reaches alice just after her login: in the roster listing, or right after it.
                if (!alice.await("contact bob@localhost").equals("contact bob@localhost available both - bob")) {
                    assertThat(alice.await("presence bob@localhost")).isEqualTo("presence bob@localhost available");
                }
                assertThat(bob.await("online ")).isEqualTo("online alice@localhost");

                alice.type("/msg bob@localhost hello bob");
                assertThat(alice.await("sent ")).isEqualTo("sent bob@localhost server hello bob");
                assertThat(bob.await("message ")).isEqualTo("message alice@localhost server hello bob");

                bob.type("/to alice@localhost");
                bob.type("hi alice, two\\lines");
                assertThat(alice.await("message ")).isEqualTo("message bob@localhost server hi alice, two\\\\lines");

                alice.type("/dance");
                assertThat(alice.await("error ")).startsWith("error unknown command /dance");

                alice.type("/nat");
                assertThat(alice.await("nat ")).startsWith("nat OPEN_INTERNET NO_NAT ENDPOINT_INDEPENDENT 127.0.0.1:")
                        .endsWith(" 127.0.0.1:" + STUN_PORT);

                alice.type("/quit");
                assertThat(alice.await("bye")).isEqualTo("bye");
                assertThat(alice.awaitExit()).isZero();
            }
            assertThat(bob.await("presence alice@localhost")).isEqualTo("presence alice@localhost offline");
        }
    }

    @Test
    void aMessageSentWhileTheProgramWasClosedArrivesMarkedOffline() throws Exception {
        try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work)) {
            alice.await("connected ");
            alice.type("/msg bob@localhost are you there?");
            alice.await("sent ");
            alice.type("/quit");
            assertThat(alice.awaitExit()).isZero();
        }
        try (ChatProgram bob = ChatProgram.start(OPENFIRE.server(), "bob", "bob-pw", work)) {
            assertThat(bob.await("message ")).isEqualTo("message alice@localhost offline are you there?");
            bob.type("/history alice@localhost 1");
            assertThat(bob.await("history ")).startsWith("history alice@localhost ")
                    .endsWith(" in offline are you there?");
        }
        try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work)) {
            alice.type("/history bob@localhost 1");
            assertThat(alice.await("history ")).matches(
                    "history bob@localhost \\d{4}-\\d\\d-\\d\\dT\\S+Z out server are you there\\?");
        }
    }

    @Test
    void withAcceptFilesAskAContactsFileWaitsForTheUsersAnswer() throws Exception {
        Path downloads = Files.createDirectories(work.resolve("ask-downloads"));
        Path photo = Files.writeString(work.resolve("photo.txt"), "a photo, in words");
        // A right-to-left override would show "virusexe.txt": the user is shown the name the file would get.
        Path virus = Files.writeString(work.resolve("virus\u202Etxt.exe"), "not a virus");
        try (ChatProgram bob = ChatProgram.start(OPENFIRE.server(), "bob", "bob-pw", work, "--accept-files", "ask",
                "--downloads", downloads.toString());
             ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work)) {
            bob.await("connected ");
            awaitOnline(alice, "bob@localhost");

            alice.type("/file bob@localhost " + photo);
            assertThat(bob.await("file-ask ")).isEqualTo("file-ask alice@localhost 1 17 photo.txt");
            bob.type("/accept-file 1");
            assertThat(bob.await("file-received ")).startsWith("file-received alice@localhost photo.txt 17 ");
            assertThat(alice.await("file-sent ")).startsWith("file-sent bob@localhost photo.txt 17 ");
            assertThat(downloads.resolve("photo.txt")).hasContent("a photo, in words");

            alice.type("/file bob@localhost " + virus);
            assertThat(bob.await("file-ask ")).isEqualTo("file-ask alice@localhost 2 11 virustxt.exe");
            bob.type("/decline-file 2");
            assertThat(bob.await("file-declined ")).isEqualTo("file-declined alice@localhost virustxt.exe "
                    + "the user declined the file");
            assertThat(alice.await("file-failed ")).startsWith("file-failed bob@localhost virus\u202Etxt.exe ")
                    .endsWith("the user declined the file");
            try (var files = Files.list(downloads)) {
                assertThat(files).containsExactly(downloads.resolve("photo.txt"));
            }

            bob.type("/accept-file 2");
            assertThat(bob.await("error ")).isEqualTo("error no file offer 2 is waiting for an answer");
        }
    }

    @Test
    void withAcceptFilesNoneEveryFileIsDeclinedAndTheSenderIsToldWhy() throws Exception {
        Path downloads = Files.createDirectories(work.resolve("none-downloads"));
        Path notes = Files.writeString(work.resolve("notes.txt"), "notes");
        try (ChatProgram bob = ChatProgram.start(OPENFIRE.server(), "bob", "bob-pw", work, "--accept-files", "none",
                "--downloads", downloads.toString());
             ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work)) {
            bob.await("connected ");
            awaitOnline(alice, "bob@localhost");

            alice.type("/file bob@localhost " + notes);

            assertThat(bob.await("file-declined ")).isEqualTo("file-declined alice@localhost notes.txt "
                    + "this user does not take files");
            assertThat(alice.await("file-failed ")).startsWith("file-failed bob@localhost notes.txt ")
                    .endsWith("this user does not take files");
            try (var files = Files.list(downloads)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void withAcceptFilesContactsAContactsFileIsTakenWithoutAsking() throws Exception {
        Path downloads = Files.createDirectories(work.resolve("contacts-downloads"));
        Path song = Files.writeString(work.resolve("song.txt"), "la la la");
        try (ChatProgram bob = ChatProgram.start(OPENFIRE.server(), "bob", "bob-pw", work, "--accept-files",
                "contacts", "--downloads", downloads.toString());
             ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work)) {
            bob.await("connected ");
            awaitOnline(alice, "bob@localhost");

            alice.type("/file bob@localhost " + song);

            assertThat(bob.await("file-offer ")).isEqualTo("file-offer alice@localhost 8 song.txt");
            assertThat(bob.await("file-received ")).startsWith("file-received alice@localhost song.txt 8 ");
            assertThat(downloads.resolve("song.txt")).hasContent("la la la");
        }
    }

    @Test
    void whatTheUsersOtherDeviceSendsAndReceivesAppearsInTheChatProgram() throws Exception {
        try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work);
             TandemClient phone = TandemClient.connect(OPENFIRE.account("alice", "alice-pw").resource("phone")
                     .build());
             TandemClient bob = OPENFIRE.login("bob")) {
            alice.await("connected ");
            phone.connection().sendStanza(MessageBuilder.buildMessage().ofType(Message.Type.chat)
                    .to(JidCreate.entityBareFrom("bob@localhost")).setBody("sent from my phone").build());
            alice.awaitSeen("sent bob@localhost elsewhere sent from my phone");

            bob.connection().sendStanza(MessageBuilder.buildMessage().ofType(Message.Type.chat)
                    .to(phone.connection().getUser()).setBody("for your phone").build());
            alice.awaitSeen("message bob@localhost elsewhere for your phone");
            alice.type("/history bob@localhost 2");
            assertThat(alice.await("history ")).endsWith(" out elsewhere sent from my phone");
            assertThat(alice.await("history ")).endsWith(" in elsewhere for your phone");
        }
    }

    /** Waits until {@code program} has seen {@code contact} available, before or after its roster listing. */
    private static void awaitOnline(ChatProgram program, String contact) throws InterruptedException {
        program.awaitSeen("presence " + contact + " available");
    }

    private static int freeStunPorts() {
        try {
            return LoopbackPorts.freePortPair();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
