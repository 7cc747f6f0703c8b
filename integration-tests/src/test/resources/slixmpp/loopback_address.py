"""Points a slixmpp stream at the test server's address literal without a DNS query."""


def without_dns(stream, host, port):
    """Given an address literal, slixmpp still looks up its default domain, which it leaves empty: a DNS query for
    the root name that leaves the machine. With the address and port there, the lookup needs no DNS."""
    stream.default_domain = host
    stream.default_port = port
