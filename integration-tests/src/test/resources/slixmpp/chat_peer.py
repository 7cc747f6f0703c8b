"""A standard XMPP client, not written by us: slixmpp logs in, sends one chat message and waits for a reply.

Used by the interop tests. Prints one line per event so the Java test can follow it:
  ONLINE            after login and initial presence
  SENT <text>       after sending
  GOT <jid> <text>  for each chat message received
and exits 0 after the first reply, 3 if none came in time, 4 if login failed.
"""
import argparse
import asyncio
import sys

import slixmpp


class ChatPeer(slixmpp.ClientXMPP):
    def __init__(self, jid, password, to, text):
        super().__init__(jid, password)
        self.to = to
        self.text = text
        self.replied = asyncio.Event()
        self.add_event_handler("session_start", self.on_start)
        self.add_event_handler("message", self.on_message)
        self.add_event_handler("failed_auth", self.on_failed_auth)

    async def on_start(self, _event):
        self.send_presence()
        await self.get_roster()
        print("ONLINE", flush=True)
        self.send_message(mto=self.to, mbody=self.text, mtype="chat")
        print("SENT", self.text, flush=True)

    def on_message(self, msg):
        if msg["type"] in ("chat", "normal") and msg["body"]:
            print("GOT", msg["from"].bare, msg["body"], flush=True)
            self.replied.set()

    def on_failed_auth(self, _event):
        print("AUTH-FAILED", flush=True)
        sys.exit(4)


async def run(args):
    peer = ChatPeer(args.jid, args.password, args.to, args.text)
    # The test server listens on loopback without a certificate: plain c2s, as the test's own clients use.
    peer["feature_mechanisms"].unencrypted_plain = True
    peer.connect(address=(args.host, args.port), force_starttls=False, disable_starttls=True)
    try:
        await asyncio.wait_for(peer.replied.wait(), timeout=args.timeout)
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
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()
    sys.exit(asyncio.get_event_loop().run_until_complete(run(args)))


if __name__ == "__main__":
    main()
