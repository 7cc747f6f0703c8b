package im.tandem.client.file.element;

import java.util.Objects;

import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * What a XEP-0260 transport-info reports instead of candidates: which candidate of the peer's we connected to
 * ({@code <candidate-used/>}), that none worked ({@code <candidate-error/>}), that the nominated proxy is activated
 * ({@code <activated/>}), or that it could not be ({@code <proxy-error/>}).
 */
public sealed interface S5bSignal {
    String CANDIDATE_USED = "candidate-used";
    String CANDIDATE_ERROR = "candidate-error";
    String ACTIVATED = "activated";
    String PROXY_ERROR = "proxy-error";
    String ATTR_CID = "cid";

    void appendTo(XmlStringBuilder xml);

    record CandidateUsed(String cid) implements S5bSignal {
        public CandidateUsed {
            requireCid(cid, CANDIDATE_USED);
        }

        @Override
        public void appendTo(XmlStringBuilder xml) {
            xml.halfOpenElement(CANDIDATE_USED).attribute(ATTR_CID, cid).closeEmptyElement();
        }
    }

    record CandidateError() implements S5bSignal {
        @Override
        public void appendTo(XmlStringBuilder xml) {
            xml.emptyElement(CANDIDATE_ERROR);
        }
    }

    record Activated(String cid) implements S5bSignal {
        public Activated {
            requireCid(cid, ACTIVATED);
        }

        @Override
        public void appendTo(XmlStringBuilder xml) {
            xml.halfOpenElement(ACTIVATED).attribute(ATTR_CID, cid).closeEmptyElement();
        }
    }

    record ProxyError() implements S5bSignal {
        @Override
        public void appendTo(XmlStringBuilder xml) {
            xml.emptyElement(PROXY_ERROR);
        }
    }

    private static void requireCid(String cid, String element) {
        if (Objects.requireNonNullElse(cid, "").isBlank()) {
            throw new IllegalArgumentException("<" + element + "/> attribute 'cid' is missing");
        }
    }
}
