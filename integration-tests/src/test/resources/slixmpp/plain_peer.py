"""A standard XMPP client without Jingle: slixmpp logs in, sends chat messages and notes every IQ it is sent.

Used by the chat interop test, and by the direct-chat test, which checks that a Tandem client offers such a peer
no direct session.
Prints one line per event so the Java test can follow it:
  ONLINE               after login and initial presence
  SENT <text>          after sending each message
  IQ <type> <ns>       for each IQ addressed to it (ns: its first child's namespace, or - when it has none)
  GOT <jid> <text>     for each chat message received
and exits 0 once it has the expected number of messages, 3 if they did not come in time, 4 if login failed.
"""
import argparse
import asyncio
import sys

import slixmpp
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from loopback_address import without_dns


class PlainPeer(slixmpp.ClientXMPP):
    def __init__(self, args):
        super().__init__(args.jid, args.password)
        self.args = args
        self.received = 0
        self.done = asyncio.Event()
        # Service discovery and entity capabilities, as every common client has: the Tandem client reads them to
        # learn that this peer has no Jingle.
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0115")
        self.register_handler(Callback("every iq", MatchXPath("{jabber:client}iq"), self.on_iq))
        self.add_event_handler("session_start", self.on_start)
        self.add_event_handler("message", self.on_message)
        # "no_auth": every mechanism failed. One failing is no verdict: Openfire 5.1.1 offers SCRAM-SHA-1-PLUS on a
        # plain connection too, slixmpp tries it first and falls back to SCRAM-SHA-1 when it is refused.
        self.add_event_handler("no_auth", self.on_failed_auth)

    def on_iq(self, iq):
        children = [child for child in iq.xml]
        namespace = children[0].tag.split("}")[0].lstrip("{") if children else "-"
        print("IQ", iq["type"], namespace, flush=True)

    async def on_start(self, _event):
        self.send_presence()
        await self.get_roster()
        print("ONLINE", flush=True)
        for i in range(1, self.args.send + 1):
            text = "%s %d" % (self.args.text, i)
            self.send_message(mto=self.args.to, mbody=text, mtype="chat")
            print("SENT", text, flush=True)

    def on_message(self, msg):
        if msg["type"] in ("chat", "normal") and msg["body"]:
            print("GOT", msg["from"].bare, msg["body"], flush=True)
            self.received += 1
            if self.received >= self.args.expect:
                self.done.set()

    def on_failed_auth(self, _event):
        print("AUTH-FAILED", flush=True)
        sys.exit(4)


async def run(args):
    peer = PlainPeer(args)
    # The test server listens on loopback without a certificate: plain c2s, as the test's own clients use.
    peer["feature_mechanisms"].unencrypted_plain = True
    without_dns(peer, args.host, args.port)
    peer.connect(address=(args.host, args.port), force_starttls=False, disable_starttls=True)
    try:
        await asyncio.wait_for(peer.done.wait(), timeout=args.timeout)
        # Stay a moment longer: anything the Tandem client would still send must have a chance to arrive.
        await asyncio.sleep(args.linger)
        code = 0
    except asyncio.TimeoutError:
        print("TIMEOUT", flush=True)
        code = 3
    peer.disconnect()
    await asyncio.sleep(0.2)
    return code


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jid", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--to", required=True)
    parser.add_argument("--text", required=True)
    parser.add_argument("--send", type=int, default=1)
    parser.add_argument("--expect", type=int, default=1)
    parser.add_argument("--linger", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    sys.exit(asyncio.get_event_loop().run_until_complete(run(args)))


if __name__ == "__main__":
    main()
