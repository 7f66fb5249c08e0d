/**
 * The S/MIME test message: proves an Exchange Online S/MIME set-up before rollout, from any
 * operating system. {@link io.github.smimekit.mail.TestMessage#build} makes the message Outlook on
 * the web would send (RFC 8551: signed, clear-signed by default as {@code OWAClearSign} says, then
 * enveloped for every recipient and the sender, with the algorithms {@code OWAEncryptionAlgorithms}
 * and {@code OWASigningAlgorithms} name), choosing each recipient's certificate the way Outlook on
 * the web does; {@link io.github.smimekit.mail.TestMessage#open} opens a message the way the
 * recipient's client would, with exclusive trust in the uploaded CA store, and reports a verdict
 * per step.
 *
 * <h2>Why Bouncy Castle's bcpkix and Jakarta Mail, and not bcjmail</h2>
 *
 * Bouncy Castle's S/MIME layer ({@code bcjmail-jdk18on}) resolves only in version 1.85, while the
 * rest of the project uses bcprov/bcpkix 1.87: mixing releases of one library breaks Maven's
 * dependency convergence and risks runtime linkage errors between its jars. Everything bcjmail adds
 * over bcpkix is thin glue (MIME canonicalisation, the {@code multipart/signed} layout, the {@code
 * micalg} names), so this module builds and signs the CMS structures with bcpkix directly and
 * writes and parses the MIME entities with Jakarta Mail (Eclipse Angus at run time). Both are
 * implementation details: no public signature mentions them.
 *
 * <h2>What is randomised</h2>
 *
 * Everything but the envelope is deterministic for the same inputs and clock (headers, boundaries,
 * the signed entity). The envelope is not: each message gets a fresh content-encryption key (and,
 * for EC recipients, a fresh ephemeral key), as RFC 5652 requires.
 */
@NullMarked
package io.github.smimekit.mail;

import org.jspecify.annotations.NullMarked;
