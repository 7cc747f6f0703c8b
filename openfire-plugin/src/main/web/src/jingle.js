// Jingle (XEP-0166) for a WebRTC data channel: the browser speaks SDP, the contact hears Jingle. An offer or answer
// of the browser becomes an ICE-UDP transport (XEP-0176) with its DTLS fingerprint (XEP-0320) and the data channel's
// SCTP port (XEP-0343), and such a transport from the contact becomes the SDP the browser accepts. The application is
// an XML stream (XEP-0247): the data channel carries message stanzas. No page markup is touched here.
import xml from "@xmpp/xml";

export const JINGLE = {
  jingle: "urn:xmpp:jingle:1",
  iceUdp: "urn:xmpp:jingle:transports:ice-udp:1",
  dtls: "urn:xmpp:jingle:apps:dtls:0",
  dataChannel: "urn:xmpp:jingle:transports:webrtc-datachannel:1",
  xmlStream: "urn:xmpp:jingle:apps:xmlstream:0",
};
/** The one content of a session; both sides use this name. */
const CONTENT = "chat";
/** ICE-UDP carries UDP candidates only; TCP candidates of the browser are left out. */
const CANDIDATE_ATTRIBUTES = ["foundation", "component", "protocol", "priority", "ip", "port", "type",
  "rel-addr", "rel-port", "generation"];

/** The parts of an SDP (one data channel section) that Jingle carries. */
export function fromSdp(sdp) {
  const lines = sdp.split(/\r?\n/);
  const value = (prefix) => (lines.find((line) => line.startsWith(prefix)) || "").slice(prefix.length).trim();
  const [hash, fingerprint] = value("a=fingerprint:").split(" ");
  return {
    ufrag: value("a=ice-ufrag:"), pwd: value("a=ice-pwd:"),
    hash, fingerprint, setup: value("a=setup:"),
    sctpPort: value("a=sctp-port:") || "5000", maxMessageSize: value("a=max-message-size:") || "",
    candidates: lines.filter((line) => line.startsWith("a=candidate:"))
      .map((line) => parseCandidate(line.slice(2))).filter((candidate) => candidate && candidate.protocol === "udp"),
  };
}

/** One SDP candidate attribute ("candidate:..."), or null when it is not one. */
function parseCandidate(text) {
  const parts = text.replace(/^candidate:/, "").trim().split(/\s+/);
  if (parts.length < 8 || parts[6] !== "typ") return null;
  const candidate = { foundation: parts[0], component: parts[1], protocol: parts[2].toLowerCase(),
    priority: parts[3], ip: parts[4], port: parts[5], type: parts[7], generation: "0" };
  for (let i = 8; i + 1 < parts.length; i += 2) {
    if (parts[i] === "raddr") candidate["rel-addr"] = parts[i + 1];
    else if (parts[i] === "rport") candidate["rel-port"] = parts[i + 1];
    else if (parts[i] === "generation") candidate.generation = parts[i + 1];
  }
  return candidate;
}

/** The <content/> with the XML stream description and the transport, for a <jingle/>. */
export function content(transport, creator) {
  return xml("content", { creator, name: CONTENT, senders: "both" },
    xml("description", { xmlns: JINGLE.xmlStream }),
    xml("transport", { xmlns: JINGLE.iceUdp, ufrag: transport.ufrag, pwd: transport.pwd },
      xml("fingerprint", { xmlns: JINGLE.dtls, hash: transport.hash, setup: transport.setup }, transport.fingerprint),
      xml("sctp-port", { xmlns: JINGLE.dataChannel }, transport.sctpPort),
      transport.maxMessageSize ? xml("max-message-size", { xmlns: JINGLE.dataChannel }, transport.maxMessageSize) : null,
      ...transport.candidates.map((candidate, index) => {
        const attributes = { id: "c" + index, network: "0" };
        for (const name of CANDIDATE_ATTRIBUTES) if (candidate[name] !== undefined) attributes[name] = candidate[name];
        return xml("candidate", attributes);
      })));
}

/** A session-terminate (XEP-0166) of session {@code sid} for {@code peer}: the reason's condition and a text for people. */
export function sessionTerminate(peer, sid, condition, text) {
  return xml("iq", { type: "set", to: peer }, xml("jingle", { xmlns: JINGLE.jingle, action: "session-terminate", sid },
    xml("reason", {}, xml(condition), xml("text", {}, text))));
}

/**
 * The transport of a session-initiate or session-accept, or null when it is not a data channel over ICE-UDP with a
 * fingerprint (so not something this client can accept).
 */
export function readTransport(jingle) {
  const offered = jingle.getChild("content", JINGLE.jingle);
  const description = offered && offered.getChild("description", JINGLE.xmlStream);
  const transport = offered && offered.getChild("transport", JINGLE.iceUdp);
  const fingerprint = transport && transport.getChild("fingerprint", JINGLE.dtls);
  const sctpPort = transport && transport.getChild("sctp-port", JINGLE.dataChannel);
  if (!description || !fingerprint || !sctpPort) return null;
  const maxMessageSize = transport.getChild("max-message-size", JINGLE.dataChannel);
  const read = {
    ufrag: transport.attrs.ufrag || "", pwd: transport.attrs.pwd || "",
    hash: fingerprint.attrs.hash || "", fingerprint: fingerprint.text().trim(),
    setup: fingerprint.attrs.setup || "actpass",
    sctpPort: sctpPort.text().trim(), maxMessageSize: maxMessageSize ? maxMessageSize.text().trim() : "",
    candidates: transport.getChildren("candidate", JINGLE.iceUdp).map((node) => {
      const candidate = {};
      for (const name of CANDIDATE_ATTRIBUTES) if (node.attrs[name] != null) candidate[name] = String(node.attrs[name]);
      return candidate;
    }),
  };
  return isSafe(read) ? read : null;
}

/**
 * Every value that goes into the SDP must be one token of the expected kind: a contact cannot add lines or
 * attributes of its own to what the browser is given.
 */
function isSafe(transport) {
  const token = /^[\x21-\x7e]{1,256}$/;
  const number = /^\d{1,10}$/;
  const fields = [transport.ufrag, transport.pwd, transport.hash, transport.fingerprint, transport.setup];
  return fields.every((field) => token.test(field)) && number.test(transport.sctpPort)
    && (!transport.maxMessageSize || number.test(transport.maxMessageSize))
    && transport.candidates.every((candidate) => CANDIDATE_ATTRIBUTES.every((name) =>
      candidate[name] === undefined || token.test(candidate[name])));
}

/** The SDP of the contact's side, for setRemoteDescription. */
export function toSdp(transport, sessionId) {
  const lines = ["v=0", `o=- ${sessionId} 2 IN IP4 0.0.0.0`, "s=-", "t=0 0", "a=group:BUNDLE 0",
    "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0",
    `a=ice-ufrag:${transport.ufrag}`, `a=ice-pwd:${transport.pwd}`,
    `a=fingerprint:${transport.hash} ${transport.fingerprint}`, `a=setup:${transport.setup}`, "a=mid:0",
    `a=sctp-port:${transport.sctpPort}`];
  if (transport.maxMessageSize) lines.push(`a=max-message-size:${transport.maxMessageSize}`);
  for (const candidate of transport.candidates) lines.push("a=" + candidateLine(candidate));
  lines.push("a=end-of-candidates");
  return lines.join("\r\n") + "\r\n";
}

function candidateLine(c) {
  let line = `candidate:${c.foundation} ${c.component} ${c.protocol} ${c.priority} ${c.ip} ${c.port} typ ${c.type}`;
  if (c["rel-addr"] && c["rel-port"]) line += ` raddr ${c["rel-addr"]} rport ${c["rel-port"]}`;
  return line + ` generation ${c.generation || "0"}`;
}
