package im.tandem.client.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.AbstractPresenceEventListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;

/**
 * The user's side of the buddy list (RFC 6121): adding and removing contacts, renaming them, and answering the
 * requests of people who want to see the user's presence. Requests are never answered on the user's behalf: they
 * wait, are listed by {@link #requests()}, and go to the listeners as they arrive (the server hands over those that
 * came while the user was offline at the next login).
 */
public final class ContactList {
    private final XMPPConnection connection;
    private final Roster roster;
    /** Requests not answered yet, oldest first. */
    private final Set<BareJid> requests = new LinkedHashSet<>();
    private final List<Consumer<SubscriptionEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Takes over subscription requests on the connection; made before login, so that none is answered unseen. */
    public ContactList(XMPPConnection connection) {
        this.connection = connection;
        this.roster = Roster.getInstanceFor(connection);
        roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
        roster.addSubscribeListener(this::requested);
        roster.addPresenceEventListener(new AbstractPresenceEventListener() {
            @Override
            public void presenceSubscribed(BareJid address, Presence subscribedPresence) {
                tell(new SubscriptionEvent(SubscriptionEvent.Kind.SUBSCRIBED, address));
            }

            @Override
            public void presenceUnsubscribed(BareJid address, Presence unsubscribedPresence) {
                tell(new SubscriptionEvent(SubscriptionEvent.Kind.UNSUBSCRIBED, address));
            }
        });
    }

    public void onSubscription(Consumer<SubscriptionEvent> listener) {
        listeners.add(listener);
    }

    /**
     * Adds the contact (or renames it, when it is one) and asks to see their presence. A request of theirs that is
     * waiting is accepted with it: adding someone who asked is the usual way to say yes.
     *
     * @param name the roster name; {@code null} for none
     */
    public void add(BareJid jid, String name) throws SmackException, XMPPException.XMPPErrorException,
            InterruptedException {
        requireOther(jid);
        roster.createItemAndRequestSubscription(jid, name, null);
        if (hasRequest(jid)) {
            answer(jid, Presence.Type.subscribed);
            forgetRequest(jid);
        }
    }

    /** Removes the contact: the server cancels the subscriptions both ways. */
    public void remove(BareJid jid) throws SmackException, XMPPException.XMPPErrorException, InterruptedException {
        roster.removeEntry(entry(jid));
        forgetRequest(jid);
    }

    /**
     * Lets the requester see the user's presence, and asks to see theirs unless the user already does, so that both
     * become mutual contacts.
     *
     * @throws IllegalArgumentException if nobody of that address asked
     */
    public void accept(BareJid jid) throws SmackException, XMPPException.XMPPErrorException, InterruptedException {
        requireRequest(jid);
        answer(jid, Presence.Type.subscribed);
        forgetRequest(jid);
        RosterEntry entry = roster.getEntry(jid);
        if (entry == null || !entry.canSeeHisPresence() && !entry.isSubscriptionPending()) {
            roster.createItemAndRequestSubscription(jid, entry != null ? entry.getName() : null, null);
        }
    }

    /**
     * Refuses a request: the requester is told, and does not see the user's presence.
     *
     * @throws IllegalArgumentException if nobody of that address asked
     */
    public void deny(BareJid jid) throws SmackException.NotConnectedException, InterruptedException {
        requireRequest(jid);
        answer(jid, Presence.Type.unsubscribed);
        forgetRequest(jid);
    }

    /** Sets the name the contact is shown under. */
    public void rename(BareJid jid, String name) throws SmackException, XMPPException.XMPPErrorException,
            InterruptedException {
        entry(jid).setName(name);
    }

    /** The requests waiting for an answer, oldest first. */
    public synchronized List<BareJid> requests() {
        return new ArrayList<>(requests);
    }

    private SubscribeListener.SubscribeAnswer requested(Jid from, Presence request) {
        BareJid jid = from.asBareJid();
        synchronized (this) {
            requests.add(jid);
        }
        tell(new SubscriptionEvent(SubscriptionEvent.Kind.SUBSCRIBE, jid));
        return null;
    }

    private void answer(BareJid jid, Presence.Type type) throws SmackException.NotConnectedException,
            InterruptedException {
        connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza().ofType(type).to(jid).build());
    }

    /** Checks, without taking it, so that a request whose answer could not be sent still waits. */
    private void requireRequest(BareJid jid) {
        if (!hasRequest(jid)) {
            throw new IllegalArgumentException(jid + " has not asked to see your presence; /add " + jid
                    + " asks to see theirs");
        }
    }

    private synchronized boolean hasRequest(BareJid jid) {
        return requests.contains(jid);
    }

    private synchronized void forgetRequest(BareJid jid) {
        requests.remove(jid);
    }

    private RosterEntry entry(BareJid jid) {
        RosterEntry entry = roster.getEntry(jid);
        if (entry == null) {
            throw new IllegalArgumentException(jid + " is not in your contacts");
        }
        return entry;
    }

    private void requireOther(BareJid jid) {
        if (jid.equals(connection.getUser().asBareJid())) {
            throw new IllegalArgumentException("you cannot add yourself");
        }
    }

    private void tell(SubscriptionEvent event) {
        listeners.forEach(listener -> listener.accept(event));
    }
}
