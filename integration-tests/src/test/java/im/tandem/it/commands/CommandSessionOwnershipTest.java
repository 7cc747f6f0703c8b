package im.tandem.it.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import im.tandem.client.TandemClient;
import im.tandem.it.openfire.LogMark;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * Openfire lets whoever names a command session's id continue it, under any command node, and runs the command for
 * the session's owner. Tandem's commands with a form stage refuse anyone but the full JID that started the session,
 * and a session continued under another command; the owner's session goes on unharmed.
 */
@Tag("server")
class CommandSessionOwnershipTest {
    private static final String NOTIFY = "https://tandem.im/ns/notify#";
    private static final String FAILED = NOTIFY + "failed";

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("bob", "bob-pw").user("boss", "boss-pw")
            .property("admin.authorizedJIDs", "boss@localhost")
            .build());

    @ParameterizedTest(name = "{0}")
    @CsvSource({"status, alice, bob", "settings, alice, bob", "address, alice, bob", "verify, alice, bob",
            "off, alice, bob", "failed, boss, alice"})
    void anotherUserCannotContinueOrCancelTheSessionAndTheOwnerStillCan(String command, String owner, String other)
            throws Exception {
        try (TandemClient starter = OPENFIRE.login(owner); TandemClient stranger = OPENFIRE.login(other)) {
            String node = NOTIFY + command;
            String session = start(starter, node);

            for (AdHocCommand.Action action : new AdHocCommand.Action[] {AdHocCommand.Action.complete,
                    AdHocCommand.Action.cancel}) {
                assertRefused(() -> send(stranger, node, session, action), StanzaError.Condition.forbidden,
                        "started by someone else");
            }

            AdHocCommandData done = send(starter, node, session, AdHocCommand.Action.complete);
            assertThat(done.getType()).isEqualTo(IQ.Type.result);
            assertThat(done.getSessionID()).isEqualTo(session);
            assertThat(done.getStatus()).isEqualTo(AdHocCommand.Status.completed);
        }
    }

    /** Without the check, Openfire 4.2.0 ran the command and then failed on its own bookkeeping, logging an error. */
    @Test
    void theOwnerCompletesASessionAStrangerTriedToTakeOverAndNothingIsLoggedAsAnError() throws Exception {
        LogMark mark = LogMark.now(OPENFIRE.server());
        try (TandemClient alice = OPENFIRE.login("alice"); TandemClient bob = OPENFIRE.login("bob")) {
            String node = NOTIFY + "status";
            String session = start(alice, node);
            assertRefused(() -> send(bob, node, session, AdHocCommand.Action.complete),
                    StanzaError.Condition.forbidden, "started by someone else");

            AdHocCommandData done = send(alice, node, session, AdHocCommand.Action.complete);

            assertThat(done.getStatus()).isEqualTo(AdHocCommand.Status.completed);
            assertThat(done.getForm().getField("waiting").getFirstValue()).isEqualTo("0");
        }
        assertThat(mark.problemsSince()).as("errors logged").isEmpty();
    }

    /** Another client of the same account starts its own session: Openfire counts sessions per full JID. */
    @Test
    void anotherResourceOfTheSameUserCannotContinueTheSession() throws Exception {
        try (TandemClient phone = TandemClient.connect(OPENFIRE.account("alice", "alice-pw").resource("phone").build());
                TandemClient laptop = TandemClient.connect(
                        OPENFIRE.account("alice", "alice-pw").resource("laptop").build())) {
            String node = NOTIFY + "status";
            String session = start(phone, node);

            assertRefused(() -> send(laptop, node, session, AdHocCommand.Action.complete),
                    StanzaError.Condition.forbidden, "started by someone else");
            assertThat(send(phone, node, session, AdHocCommand.Action.complete).getStatus())
                    .isEqualTo(AdHocCommand.Status.completed);
        }
    }

    /** Openfire runs whatever command the continuing request names: a user's own session must not run an admin's. */
    @Test
    void aSessionCannotBeContinuedUnderAnotherCommand() throws Exception {
        try (TandemClient bob = OPENFIRE.login("bob")) {
            String session = start(bob, NOTIFY + "status");

            assertRefused(() -> send(bob, FAILED, session, AdHocCommand.Action.complete),
                    StanzaError.Condition.bad_request, "belongs to another command");
            assertThat(send(bob, NOTIFY + "status", session, AdHocCommand.Action.complete).getStatus())
                    .isEqualTo(AdHocCommand.Status.completed);
        }
    }

    @Test
    void aSessionThatEndedCannotBeContinued() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice")) {
            String node = NOTIFY + "status";
            String session = start(alice, node);
            send(alice, node, session, AdHocCommand.Action.complete);

            assertRefused(() -> send(alice, node, session, AdHocCommand.Action.complete),
                    StanzaError.Condition.bad_request, "unknown or has expired");
        }
    }

    private static String start(TandemClient client, String node) throws Exception {
        AdHocCommandData started = send(client, node, null, AdHocCommand.Action.execute);
        assertThat(started.getStatus()).isEqualTo(AdHocCommand.Status.executing);
        assertThat(started.getSessionID()).isNotBlank();
        return started.getSessionID();
    }

    private static AdHocCommandData send(TandemClient client, String node, String session, AdHocCommand.Action action)
            throws Exception {
        AdHocCommandData request = new AdHocCommandData();
        request.setType(IQ.Type.set);
        request.setTo(client.connection().getXMPPServiceDomain());
        request.setNode(node);
        request.setSessionID(session);
        request.setAction(action);
        return client.connection().sendIqRequestAndWaitForResponse(request);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable request,
            StanzaError.Condition condition, String text) {
        assertThatThrownBy(request).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, error -> {
            assertThat(error.getStanzaError().getCondition()).isEqualTo(condition);
            assertThat(error.getStanzaError().getDescriptiveText()).contains(text);
        });
    }
}
