package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which redirects the client follows and which hosts get the bearer token.
 *
 * <p>The service may answer 302 with a regional host (spec {@code exchange-online.md} §2.1). The
 * client follows redirects by hand: at most {@link #maxRedirects()}, only to {@code https} (or to
 * plain {@code http} on a loopback address, for tests and the fake), and attaches the access token
 * only when the target host is the base URI's host, an allowed host, or a subdomain of an allowed
 * suffix (default {@link #EXCHANGE_ONLINE_SUFFIXES}). A redirect to any other host is followed
 * without the token.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedirectPolicy {
  /** Microsoft's Exchange Online service hosts and their regional subdomains. */
  public static final List<String> EXCHANGE_ONLINE_SUFFIXES =
      List.of("outlook.office365.com", "outlook.office.com");

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private final int maxRedirects;
  private final Set<String> tokenHosts;
  private final List<String> tokenHostSuffixes;

  private RedirectPolicy(int maxRedirects, Set<String> tokenHosts, List<String> suffixes) {
    this.maxRedirects = maxRedirects;
    this.tokenHosts = Set.copyOf(tokenHosts);
    this.tokenHostSuffixes = List.copyOf(suffixes);
  }

  /** At most 5 redirects; the token goes to Exchange Online's hosts (and the base URI's host). */
  public static RedirectPolicy defaults() {
    return new RedirectPolicy(5, Set.of(), EXCHANGE_ONLINE_SUFFIXES);
  }

  /** Never follow a redirect: a 3xx is an error. */
  public static RedirectPolicy none() {
    return new RedirectPolicy(0, Set.of(), EXCHANGE_ONLINE_SUFFIXES);
  }

  /** This policy with at most {@code n} redirects per request. */
  public RedirectPolicy withMaxRedirects(int n) {
    if (n < 0 || n > 20) {
      throw new IllegalArgumentException("maxRedirects not in 0..20: " + n);
    }
    return new RedirectPolicy(n, tokenHosts, tokenHostSuffixes);
  }

  /** This policy with {@code host} (exact, any case) also allowed to receive the token. */
  public RedirectPolicy withTokenHost(String host) {
    requireNonNull(host, "host");
    Set<String> hosts = new java.util.HashSet<>(tokenHosts);
    hosts.add(host.toLowerCase(Locale.ROOT));
    return new RedirectPolicy(maxRedirects, hosts, tokenHostSuffixes);
  }

  /**
   * This policy with exactly these token host suffixes (a suffix matches itself and its
   * subdomains).
   */
  public RedirectPolicy withTokenHostSuffixes(List<String> suffixes) {
    List<String> lower = suffixes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    return new RedirectPolicy(maxRedirects, tokenHosts, lower);
  }

  /** The maximum number of redirects followed for one request. */
  public int maxRedirects() {
    return maxRedirects;
  }

  /** Whether a request may go to {@code uri} at all: {@code https}, or {@code http} to loopback. */
  public static boolean isAllowedTarget(URI uri) {
    requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) {
      return false;
    }
    return scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()));
  }

  /**
   * Whether {@code host} is a loopback name or literal ({@code localhost}, 127.0.0.0/8, ::1); no
   * DNS.
   */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    var m = IPV4.matcher(h);
    if (m.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(m.group(i)) > 255) {
          return false;
        }
      }
      return m.group(1).equals("127");
    }
    return false;
  }

  /** Whether the bearer token may be sent to {@code uri}. */
  public boolean mayCarryToken(URI uri) {
    if (!isAllowedTarget(uri)) {
      return false;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (tokenHosts.contains(host)) {
      return true;
    }
    for (String s : tokenHostSuffixes) {
      if (host.equals(s) || host.endsWith("." + s)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "RedirectPolicy[maxRedirects="
        + maxRedirects
        + ", tokenHosts="
        + tokenHosts.stream().sorted().toList()
        + ", tokenHostSuffixes="
        + tokenHostSuffixes
        + "]";
  }
}
