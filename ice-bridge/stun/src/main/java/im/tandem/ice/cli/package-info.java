/**
 * Command-line entry points, plain main classes with exit code 0 on success, 1 on a runtime failure and 2 on
 * a usage error: {@link im.tandem.ice.cli.StunServerCommand} runs the STUN server until SIGINT/SIGTERM and
 * {@link im.tandem.ice.cli.NatCommand} runs NAT-type discovery once. They need nothing but the JDK and this
 * module's classes.
 */
package im.tandem.ice.cli;
