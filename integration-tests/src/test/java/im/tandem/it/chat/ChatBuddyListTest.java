package im.tandem.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * The buddy list from the chat program alone, on the real server: accounts that start as strangers add each other,
 * answer requests, rename and remove contacts, and set their own presence with a text.
 */
@Tag("server")
class ChatBuddyListTest {
    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("carol", "carol-pw").user("dave", "dave-pw").user("erin", "erin-pw")
            .build());

    @TempDir
    static Path work;

    @Test
    void strangersBecomeMutualContactsSeeEachOthersStatusTextAndPartAgain() throws Exception {
        try (ChatProgram carol = ChatProgram.start(OPENFIRE.server(), "carol", "carol-pw", work);
             ChatProgram dave = ChatProgram.start(OPENFIRE.server(), "dave", "dave-pw", work)) {
            carol.await("connected ");
            dave.await("connected ");

            carol.type("/add dave@localhost Dave from work");
            carol.awaitSeen("contact dave@localhost offline none+asked - Dave from work");
            assertThat(dave.await("subscribe ")).isEqualTo("subscribe carol@localhost");
            dave.type("/requests");
            assertThat(dave.await("request ")).isEqualTo("request carol@localhost");

            dave.type("/accept carol@localhost");
            assertThat(carol.await("subscribed ")).isEqualTo("subscribed dave@localhost");
            // Accepting also asked to see carol's presence; the chat program never answers that on its own.
            assertThat(carol.await("subscribe ")).isEqualTo("subscribe dave@localhost");
            carol.type("/accept dave@localhost");
            assertThat(dave.await("subscribed ")).isEqualTo("subscribed carol@localhost");
            carol.awaitSeen("presence dave@localhost available");
            dave.awaitSeen("presence carol@localhost available");
            carol.type("/roster");
            carol.awaitSeen("contact dave@localhost available both - Dave from work");
            dave.type("/roster");
            dave.awaitSeen("contact carol@localhost available both - carol");

            dave.type("/status away at lunch, back at two");
            assertThat(dave.await("status ")).isEqualTo("status away at lunch, back at two");
            carol.awaitSeen("presence dave@localhost away at lunch, back at two");

            carol.type("/rename dave@localhost Dave");
            carol.awaitSeen("contact dave@localhost away both - Dave");

            carol.type("/remove dave@localhost");
            assertThat(carol.await("removed ")).isEqualTo("removed dave@localhost");
            assertThat(dave.await("unsubscribed ")).isEqualTo("unsubscribed carol@localhost");
        }
    }

    @Test
    void aNewUserRegistersAndTheSameAccountCannotBeRegisteredTwice() throws Exception {
        try (ChatProgram frank = ChatProgram.start(OPENFIRE.server(), "frank", "frank-pw", work, "--register")) {
            assertThat(frank.await("info ")).isEqualTo("info created the account frank@localhost");
            assertThat(frank.await("connected ")).startsWith("connected frank@localhost/");
        }
        try (ChatProgram again = ChatProgram.start(OPENFIRE.server(), "frank", "other-pw", work, "--register")) {
            assertThat(again.await("error ")).isEqualTo("error cannot register frank@localhost at "
                    + OPENFIRE.server().host() + ":" + OPENFIRE.server().clientPort()
                    + ": the account frank@localhost already exists; log in without --register");
            assertThat(again.awaitExit()).isEqualTo(1);
        }
        try (ChatProgram frank = ChatProgram.start(OPENFIRE.server(), "frank", "frank-pw", work)) {
            assertThat(frank.await("connected ")).startsWith("connected frank@localhost/");
        }
    }

    @Test
    void aDeniedRequestLeavesTheRequesterWithoutPresenceAndWrongAnswersAreExplained() throws Exception {
        try (ChatProgram erin = ChatProgram.start(OPENFIRE.server(), "erin", "erin-pw", work)) {
            erin.await("connected ");
            erin.type("/deny carol@localhost");
            assertThat(erin.await("error ")).isEqualTo(
                    "error carol@localhost has not asked to see your presence; /add carol@localhost asks to see theirs");
            erin.type("/status sleepy");
            assertThat(erin.await("error ")).startsWith("error 'sleepy' is not a presence; usage: /status ");

            try (ChatProgram carol = ChatProgram.start(OPENFIRE.server(), "carol", "carol-pw", work)) {
                carol.await("connected ");
                carol.type("/add erin@localhost");
                assertThat(erin.await("subscribe ")).isEqualTo("subscribe carol@localhost");
                erin.type("/deny carol@localhost");
                assertThat(carol.await("unsubscribed ")).isEqualTo("unsubscribed erin@localhost");
                erin.type("/requests");
                erin.awaitSeen("info no requests are waiting");
                carol.type("/roster");
                // Carol does not see erin's presence (she is online); whether the server still marks carol's
                // request as asked after the refusal differs between Openfire releases.
                assertThat(carol.await("contact erin@localhost")).startsWith("contact erin@localhost offline none");
            }
        }
    }
}
