"""An external component (XEP-0114, slixmpp) asks the server for its STUN/TURN services (XEP-0215).

A component is an entity that is not a local user, like a remote server's user would be. Prints one line:
  RESULT <type> <condition-or-services>   the answer: "error forbidden", or "result <n> services"
and exits 0 once answered, 3 on timeout, 4 if the component could not connect.
"""
import argparse
import asyncio
import sys

import slixmpp
from slixmpp.xmlstream import ET

from loopback_address import without_dns


async def run(args):
    component = slixmpp.ComponentXMPP(args.jid, args.secret, args.host, args.port)
    connected = asyncio.Event()
    component.add_event_handler("session_start", lambda _e: connected.set())
    without_dns(component, args.host, args.port)
    component.connect()
    try:
        await asyncio.wait_for(connected.wait(), timeout=args.timeout)
    except asyncio.TimeoutError:
        print("NOT-CONNECTED", flush=True)
        return 4
    iq = component.make_iq_get(ito=args.server, ifrom=args.jid)
    iq.append(ET.Element("{urn:xmpp:extdisco:2}services"))
    try:
        reply = await iq.send(timeout=args.timeout)
        services = reply.xml.findall("{urn:xmpp:extdisco:2}services/{urn:xmpp:extdisco:2}service")
        print("RESULT result", len(services), "services", flush=True)
    except slixmpp.exceptions.IqError as error:
        print("RESULT error", error.iq["error"]["condition"], flush=True)
    except slixmpp.exceptions.IqTimeout:
        print("TIMEOUT", flush=True)
        return 3
    component.disconnect()
    await asyncio.sleep(0.2)
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jid", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--timeout", type=float, default=15.0)
    args = parser.parse_args()
    sys.exit(asyncio.get_event_loop().run_until_complete(run(args)))


if __name__ == "__main__":
    main()
