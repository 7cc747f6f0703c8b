"""Runs Debian's Libervia backend in the foreground for a test, with four adjustments made as it loads.

1. The test sends traffic to loopback only. Libervia's NAT-PORT plugin searches for UPnP gateways by multicast
   as soon as it loads, and its IP plugin lists every interface's address as a SOCKS5 candidate. Both modules
   they rely on are made unimportable, so those plugins stand down and Libervia offers 127.0.0.1 alone.
2. Libervia 0.9 reads an XEP-0300 hash as base64 of the hex digest's text (what it sends itself) and stops with
   a UnicodeDecodeError on a hash encoded as XEP-0300 says, base64 of the digest. Its reader is taught the
   standard form too; what it sends is left as it is.
3. Libervia 0.9 asks its user about an offer with a message built from the file's <desc/>, and ends the session
   with failed-application (KeyError 'desc') when the offer has none, which XEP-0234 allows. A missing
   description is read as an empty one.
4. Libervia's OMEMO plugin publishes its key bundle while the profile connects, asking for pubsub#max_items
   "max" in publish-options, and waits for the answer; Openfire 5.1.1 never answers such a publish (with or
   without Tandem's plugin; a number is answered), so the profile never finishes connecting. File transfer does
   not use OMEMO: the library it needs is made unimportable, so the plugin stands down on every Openfire.

The plugins are patched when Libervia imports them, not before: importing them early would install Twisted's
default reactor ahead of the asyncio reactor Libervia installs.

Usage: backend.py (Libervia's own arguments, e.g. fg)
"""
import base64
import binascii
import importlib.abc
import importlib.machinery
import runpy
import sys

LIBERVIA_HOME = "/usr/share/libervia"


class _HashText:
    """base64 as plugin_xep_0300 uses it, whose decoded value it then reads as hex text."""

    b64encode = staticmethod(base64.b64encode)

    @staticmethod
    def b64decode(text):
        value = base64.b64decode(text)
        try:
            binascii.unhexlify(value)
            return value  # already the hex text Libervia itself sends
        except (binascii.Error, ValueError):
            return value.hex().encode("ascii")


def _read_standard_hashes(module):
    module.base64 = _HashText


def _default_empty_desc(module):
    parse = module.XEP_0234.parseFileElement

    async def parse_file_element(*args, **kwargs):
        file_data = await parse(*args, **kwargs)
        file_data.setdefault("desc", "")
        return file_data

    module.XEP_0234.parseFileElement = parse_file_element


PATCHES = {
    "sat.plugins.plugin_xep_0300": _read_standard_hashes,
    "sat.plugins.plugin_xep_0234": _default_empty_desc,
}


class _PatchOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in PATCHES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            PATCHES[name](module)

        spec.loader.exec_module = exec_module
        return spec


for unwanted in ("miniupnpc", "netifaces", "omemo"):
    sys.modules[unwanted] = None  # importing a None entry raises ImportError
sys.meta_path.insert(0, _PatchOnImport())
sys.path.insert(0, LIBERVIA_HOME)
sys.argv = ["libervia-backend"] + sys.argv[1:]
runpy.run_path(LIBERVIA_HOME + "/launcher.py", run_name="__main__")
