package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Certificates#readFile(byte[])} found in a certificate file: its encoding, its
 * certificates, and what it passed over. A PEM file may mix certificates with other blocks (the
 * private key of {@code openssl pkcs12 -nodes} output, public keys, parameters, requests, CRLs):
 * the certificates are read and each other block is listed in {@link #skipped()} by its label and
 * position only, never its content.
 *
 * @param encoding the encoding found
 * @param certificates the certificates in input order, never empty
 * @param skipped the blocks that were not read, in input order (empty for anything but PEM)
 */
public record CertificateFile(
    CertificateEncoding encoding, List<X509Certificate> certificates, List<Skipped> skipped) {

  /**
   * Checks and copies the lists.
   *
   * @throws IllegalArgumentException if there is no certificate
   */
  public CertificateFile {
    requireNonNull(encoding, "encoding");
    certificates = List.copyOf(certificates);
    skipped = List.copyOf(skipped);
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no certificates");
    }
  }

  /**
   * A PEM block that was not read, or the part of one that was ignored: its label (the text of the
   * {@code -----BEGIN LABEL-----} line), its number among the file's PEM blocks and the offset of
   * its BEGIN line. Nothing of its content is kept.
   *
   * @param label the block's label, e.g. {@code PRIVATE KEY}
   * @param block its number among the PEM blocks of the file, from 1
   * @param offset the offset of its BEGIN line in the input (in bytes, also for UTF-16 text)
   * @param trustSettings true when the block is an OpenSSL {@code TRUSTED CERTIFICATE} whose
   *     certificate was read and only its trust settings (OpenSSL's {@code X509_AUX}: trusted and
   *     rejected uses, alias, key id) were ignored; false when the whole block was skipped
   */
  public record Skipped(String label, int block, long offset, boolean trustSettings) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the label is empty, the block number is less than 1 or
     *     the offset negative
     */
    public Skipped {
      requireNonNull(label, "label");
      if (label.isEmpty()) {
        throw new IllegalArgumentException("empty label");
      }
      if (block < 1) {
        throw new IllegalArgumentException("block < 1: " + block);
      }
      if (offset < 0) {
        throw new IllegalArgumentException("offset < 0: " + offset);
      }
    }

    /**
     * The block in words, e.g. {@code "PRIVATE KEY block #2 at offset 1170"} or {@code "trust
     * settings of TRUSTED CERTIFICATE block #1 at offset 0"}.
     *
     * @return the description
     */
    public String describe() {
      return (trustSettings ? "trust settings of " : "")
          + label
          + " block #"
          + block
          + " at offset "
          + offset;
    }
  }

  /**
   * One line per label, in order of first appearance, as {@code smime cert info} prints them:
   * {@code "skipped 1 PRIVATE KEY block"}, {@code "skipped 2 X509 CRL blocks"}, {@code "ignored the
   * trust settings of 1 TRUSTED CERTIFICATE block"}.
   *
   * @return the lines, empty when nothing was skipped
   */
  public List<String> skippedSummary() {
    return summary(skipped);
  }

  /**
   * The lines of {@link #skippedSummary()} for any list of skipped blocks, for callers that keep
   * them apart from their file's result.
   *
   * @param skipped the skipped blocks of one file
   * @return one line per label, empty when the list is
   */
  public static List<String> summary(List<Skipped> skipped) {
    requireNonNull(skipped, "skipped");
    Map<String, Integer> blocks = new LinkedHashMap<>();
    Map<String, Integer> trust = new LinkedHashMap<>();
    for (Skipped s : skipped) {
      (s.trustSettings() ? trust : blocks).merge(s.label(), 1, Integer::sum);
    }
    List<String> lines = new ArrayList<>(blocks.size() + trust.size());
    blocks.forEach((label, n) -> lines.add("skipped " + n + " " + label + plural(" block", n)));
    trust.forEach(
        (label, n) ->
            lines.add("ignored the trust settings of " + n + " " + label + plural(" block", n)));
    return List.copyOf(lines);
  }

  private static String plural(String word, int n) {
    return n == 1 ? word : word + "s";
  }
}
