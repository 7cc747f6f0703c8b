"""A standard XMPP client, not written by us: slixmpp runs one of the server's ad-hoc commands (XEP-0050).

Used by the offline-delivery interop tests. It logs in without sending presence (like a tool, not a chat
client), runs the command, fills its form with the --field values and prints one line per item:
  COMMANDS <node> ...     with --list: the command nodes the server offers this account
  NOTE <type> <text>      each note of the answer (info, warn, error)
  FIELD <var> <value>     each value of each field of a result form
  STATUS <status>         the command's final status
  IQ-ERROR <condition>    the server answered with an error
Exits 0 when the command ran, 5 on an IQ error, 4 if login failed, 3 on a timeout.
"""
import argparse
import asyncio
import sys

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout

from loopback_address import without_dns

COMMANDS_NODE = "http://jabber.org/protocol/commands"
FORM_TYPE = "https://tandem.im/ns/notify"


class Driver(slixmpp.ClientXMPP):
    def __init__(self, args):
        super().__init__(args.jid, args.password)
        self.args = args
        self.exit_code = 3
        self.done = asyncio.Event()
        for plugin in ("xep_0004", "xep_0030", "xep_0050"):
            self.register_plugin(plugin)
        self.add_event_handler("session_start", self.on_start)
        # "no_auth": every mechanism failed. One failing is no verdict: Openfire 5.1.1 offers SCRAM-SHA-1-PLUS on a
        # plain connection too, slixmpp tries it first and falls back to SCRAM-SHA-1 when it is refused.
        self.add_event_handler("no_auth", self.on_failed_auth)

    async def on_start(self, _event):
        try:
            if self.args.list:
                await self.list_commands()
            else:
                await self.run_command()
            self.exit_code = 0
        except IqError as error:
            print("IQ-ERROR", error.iq["error"]["condition"], flush=True)
            self.exit_code = 5
        except IqTimeout:
            print("TIMEOUT", flush=True)
            self.exit_code = 3
        finally:
            self.done.set()

    async def list_commands(self):
        items = await self["xep_0030"].get_items(jid=self.boundjid.domain, node=COMMANDS_NODE)
        print("COMMANDS", *[item[1] for item in items["disco_items"]["items"]], flush=True)

    async def run_command(self):
        server = self.boundjid.domain
        iq = await self["xep_0050"].send_command(server, self.args.node, action="execute")
        command = iq["command"]
        if command["status"] == "executing":
            form = self["xep_0004"].make_form(ftype="submit")
            form.add_field(var="FORM_TYPE", ftype="hidden", value=FORM_TYPE)
            for var, values in fields(self.args.field).items():
                if len(values) == 1:
                    form.add_field(var=var, value=values[0])
                else:
                    form.add_field(var=var, ftype="list-multi", value=values)
            iq = await self["xep_0050"].send_command(server, self.args.node, action="complete", payload=form,
                                                     sessionid=command["sessionid"])
            command = iq["command"]
        for note_type, text in command["notes"]:
            print("NOTE", note_type, text, flush=True)
        result = command["form"]
        if result["type"] == "result":
            for var, field in result.get_fields().items():
                for value in as_list(field.get_value(convert=False)):
                    print("FIELD", var, value, flush=True)
        print("STATUS", command["status"], flush=True)

    def on_failed_auth(self, _event):
        print("AUTH-FAILED", flush=True)
        self.exit_code = 4
        self.done.set()


def fields(specs):
    """--field var=value, repeated; a var given several times gets several values."""
    result = {}
    for spec in specs:
        var, _, value = spec.partition("=")
        result.setdefault(var, []).append(value)
    return result


def as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


async def run(args):
    driver = Driver(args)
    # The test server listens on loopback without a certificate: plain c2s, as the test's own clients use.
    driver["feature_mechanisms"].unencrypted_plain = True
    without_dns(driver, args.host, args.port)
    driver.connect(address=(args.host, args.port), force_starttls=False, disable_starttls=True)
    try:
        await asyncio.wait_for(driver.done.wait(), timeout=args.timeout)
    except asyncio.TimeoutError:
        print("TIMEOUT", flush=True)
    driver.disconnect()
    await asyncio.sleep(0.2)
    return driver.exit_code


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jid", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--node")
    parser.add_argument("--field", action="append", default=[])
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()
    if not args.list and not args.node:
        parser.error("give --node NODE or --list")
    sys.exit(asyncio.get_event_loop().run_until_complete(run(args)))


if __name__ == "__main__":
    main()
