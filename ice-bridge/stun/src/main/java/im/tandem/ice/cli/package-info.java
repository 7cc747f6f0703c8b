/**
 * Command-line entry points with exit code 0 on success, 1 on a runtime failure and 2 on a usage error:
 * {@link im.tandem.ice.cli.StunServerCommand} runs the STUN server until SIGINT/SIGTERM and
 * {@link im.tandem.ice.cli.NatCommand} runs NAT-type discovery once. {@link im.tandem.ice.cli.TandemCommandLine}
 * is the command-line style every Tandem program shares. They parse their arguments with picocli, an optional
 * dependency of this module: the rest of it, which the Openfire plugin carries, needs nothing but the JDK.
 */
package im.tandem.ice.cli;
