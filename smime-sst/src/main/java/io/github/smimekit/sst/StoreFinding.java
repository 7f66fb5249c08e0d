package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Thumbprint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Something {@link SerializedStore#verify()} found: a hash property that does not match, or (for
 * callers that check a store against a service's rules, such as smime-exchange's issuing-CA check)
 * an entry that does not decode, has expired, is not a CA, or a store over a size limit.
 *
 * @param code what was found
 * @param entryIndex 0-based index of the entry in {@link SerializedStore#entries()}, or -1 for the
 *     store as a whole
 * @param offset byte offset of the entry's context element where it was read, or -1
 * @param sha1 the entry's SHA-1 thumbprint; empty for the store as a whole
 * @param propertyId the property concerned, or 0
 * @param message lower-case description with the values involved
 */
public record StoreFinding(
    Code code,
    int entryIndex,
    long offset,
    Optional<Thumbprint> sha1,
    int propertyId,
    String message) {

  /** The kinds of finding. */
  public enum Code {
    /** A hash property (3, 4, 15, 25, 29, 98, 107) differs from the value recomputed. */
    HASH_MISMATCH,
    /** The certificate is not readable enough to recompute a hash property. */
    HASH_NOT_CHECKABLE,
    /** The certificate's DER cannot be decoded to an {@code X509Certificate}. */
    UNDECODABLE_CERTIFICATE,
    /** The certificate has expired at the time checked (Exchange rejects the whole upload). */
    EXPIRED,
    /** The certificate is not a CA (no basicConstraints cA=true). */
    NOT_A_CA,
    /** The encoded store is larger than the size limit. */
    SIZE_LIMIT_EXCEEDED
  }

  /** Validates the components. */
  public StoreFinding {
    requireNonNull(code, "code");
    requireNonNull(sha1, "sha1");
    requireNonNull(message, "message");
    entryIndex = entryIndex < 0 ? -1 : entryIndex;
    offset = offset < 0 ? -1 : offset;
  }

  /** Findings of one code beyond this many are folded into one finding with their count. */
  public static final int FINDINGS_PER_CODE = 20;

  /** Entry indices a folded finding names. */
  private static final int INDICES_SHOWN = 5;

  /**
   * The findings, in order, with each code that occurs more than {@value #FINDINGS_PER_CODE} times
   * folded into one finding (at the place of its first) whose message gives the count and the first
   * entry indices: 100,000 undecodable entries give one finding, not 100,000.
   *
   * @param all findings in the order they were found
   * @return an immutable list, {@code all} itself (copied) when no code is over the threshold
   */
  public static List<StoreFinding> summarise(List<StoreFinding> all) {
    Map<Code, List<StoreFinding>> byCode = new EnumMap<>(Code.class);
    Map<Code, Integer> counts = new EnumMap<>(Code.class);
    for (StoreFinding f : all) {
      counts.merge(f.code(), 1, Integer::sum);
      List<StoreFinding> first = byCode.computeIfAbsent(f.code(), c -> new ArrayList<>());
      if (first.size() < INDICES_SHOWN) {
        first.add(f);
      }
    }
    if (counts.values().stream().allMatch(n -> n <= FINDINGS_PER_CODE)) {
      return List.copyOf(all);
    }
    List<StoreFinding> out = new ArrayList<>();
    Set<Code> summarised = EnumSet.noneOf(Code.class);
    for (StoreFinding f : all) {
      int n = counts.getOrDefault(f.code(), 0);
      if (n <= FINDINGS_PER_CODE) {
        out.add(f);
      } else if (summarised.add(f.code())) {
        StringBuilder where = new StringBuilder();
        for (StoreFinding s : byCode.getOrDefault(f.code(), List.of())) {
          where.append(where.length() == 0 ? "#" : ", #").append(s.entryIndex());
        }
        out.add(
            new StoreFinding(
                f.code(),
                f.entryIndex(),
                f.offset(),
                f.sha1(),
                f.propertyId(),
                n
                    + " findings of this kind (first at entries "
                    + where
                    + ", ...); the first: "
                    + f.message()));
      }
    }
    return List.copyOf(out);
  }
}
