package im.tandem.client.direct;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jxmpp.jid.EntityBareJid;

/**
 * Which conversations an account keeps: those with its contacts (roster entries) and with whoever the user wrote to.
 * What anyone else sends is handled by a conversation made for that stanza alone and then forgotten, so strangers,
 * however many, cannot make the client keep a conversation each (with up to {@link SeenIds#CAPACITY} ids in it).
 * They lose nothing by it: a stranger has no direct session, so nothing of theirs can arrive twice.
 */
final class KeptConversations {
    private final Map<EntityBareJid, Conversation> kept = new ConcurrentHashMap<>();
    private final Predicate<EntityBareJid> isContact;
    private final Function<EntityBareJid, Conversation> create;

    KeptConversations(Predicate<EntityBareJid> isContact, Function<EntityBareJid, Conversation> create) {
        this.isContact = isContact;
        this.create = create;
    }

    /** For what the user does with {@code peer}: the conversation, kept from now on. */
    Conversation forUser(EntityBareJid peer) {
        return kept.computeIfAbsent(peer, create);
    }

    /** For what {@code peer} sent: its kept conversation, a new kept one for a contact, else one not kept. */
    Conversation forPeer(EntityBareJid peer) {
        Conversation existing = kept.get(peer);
        if (existing != null) {
            return existing;
        }
        return isContact.test(peer) ? kept.computeIfAbsent(peer, create) : create.apply(peer);
    }

    Optional<Conversation> find(EntityBareJid peer) {
        return Optional.ofNullable(kept.get(peer));
    }

    /** The conversations kept now. */
    Collection<Conversation> all() {
        return List.copyOf(kept.values());
    }
}
