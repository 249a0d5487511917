package org.switchboard.channel.sip.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber.CountryCodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The dialled-number plan: which numbers reach which queue or flow.
 *
 * <p>Numbers are compared in one normal form (see {@link #normalize}), so a route written {@code
 * 030 1234567} in region DE is hit by a call to {@code +49 30 1234567}, {@code 0049301234567} or
 * {@code 030/123 45 67}. Short internal numbers such as {@code 100} or {@code *21#} stay as they
 * are and match only themselves.
 *
 * <p>Built on Google's libphonenumber. Immutable and thread-safe.
 */
final class NumberPlan {
  /** Longest input looked at; longer input is no number (no real one has more than 15 digits). */
  static final int MAX_LENGTH = 64;

  /** Visual separators of written numbers (RFC 3966 plus space and slash). */
  private static final Pattern SEPARATORS = Pattern.compile("[ ./()-]");

  /** What is left of a number after its separators are removed. */
  private static final Pattern DIALLABLE = Pattern.compile("\\+[0-9]+|[0-9*#]+");

  private static final String NO_REGION = "ZZ";

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final String region;
  private final String nationalPrefix;
  private final Map<String, EntryPoint> routes = new HashMap<>();
  private final Map<String, String> written = new HashMap<>();

  /**
   * @param defaultRegion ISO 3166 region that numbers without a country code belong to ({@code DE},
   *     {@code US}), or {@code ZZ}, empty or null for none: then only numbers with a {@code +} or
   *     an international prefix become E.164
   * @param routeEntries entries {@code <number>=queue:<queueId>} or {@code <number>=flow:<flowId>};
   *     null means none, blank entries are skipped
   * @throws IllegalArgumentException naming the region or the entry that is wrong, or both entries
   *     when two of them are the same number
   */
  NumberPlan(String defaultRegion, List<String> routeEntries) {
    this.region = region(defaultRegion);
    this.nationalPrefix =
        NO_REGION.equals(region) ? null : util.getNddPrefixForRegion(region, true);
    if (routeEntries == null) {
      return;
    }
    for (String entry : routeEntries) {
      if (entry == null) {
        throw new IllegalArgumentException("route entry is null");
      }
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw bad(entry, "expected <number>=queue:<queueId> or <number>=flow:<flowId>");
      }
      String number = entry.substring(0, eq).strip();
      if (number.length() > MAX_LENGTH) {
        throw bad(entry, "number is longer than " + MAX_LENGTH + " characters");
      }
      String key = normalize(number);
      if (key.isEmpty()) {
        throw bad(entry, "'" + number + "' is not a phone number");
      }
      EntryPoint target;
      try {
        target = EntryPoint.parse(entry.substring(eq + 1).strip());
      } catch (IllegalArgumentException e) {
        throw bad(entry, e.getMessage());
      }
      String earlier = written.putIfAbsent(key, entry);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "route entries '"
                + shown(earlier, 80)
                + "' and '"
                + shown(entry, 80)
                + "' are the same number "
                + key);
      }
      routes.put(key, target);
    }
  }

  /**
   * Where a call to the dialled number goes.
   *
   * @param dialled the user part of the Request-URI or To (e.g. {@code +49-30-1234567}, {@code
   *     0301234567}, {@code 100}); anything else, however malformed, just matches nothing
   * @return the entry point of the route whose number is the dialled one, after {@link #normalize}
   */
  Optional<EntryPoint> route(String dialled) {
    String key = normalize(dialled);
    return key.isEmpty() ? Optional.empty() : Optional.ofNullable(routes.get(key));
  }

  /**
   * The normal form of a number, in which routes are compared. Never throws.
   *
   * <ul>
   *   <li>A leading {@code tel:} and everything from the first {@code ;} (URI parameters such as
   *       {@code ;phone-context}) are ignored; visual separators ({@code space . - ( ) /}) are
   *       dropped.
   *   <li>A number written with {@code +} or an international prefix ({@code 00}, {@code 011}), or
   *       with the region's national prefix ({@code 0} in DE, {@code 1} in US), is returned in
   *       E.164 ({@code +49301234567}) when libphonenumber finds it a possible number.
   *   <li>A number written without either (bare digits) is returned in E.164 only when
   *       libphonenumber finds it a valid number of the default region ({@code 212 555 0100} in
   *       US): otherwise internal numbers like {@code 2000} would turn into {@code +492000}.
   *   <li>Anything else that is made of digits, {@code *} and {@code #}, or {@code +} and digits,
   *       is a short number and returned cleaned ({@code 100}, {@code *21#}).
   *   <li>Null, empty or over-long input (more than {@link #MAX_LENGTH} characters, refused rather
   *       than cut), input with a control character anywhere, and input with any other character
   *       before the parameters (letters, {@code @}, {@code %}, a {@code +} that does not lead) is
   *       no number: the empty string, which matches no route.
   * </ul>
   */
  String normalize(String number) {
    String cleaned = clean(number);
    if (cleaned.isEmpty() || cleaned.indexOf('*') >= 0 || cleaned.indexOf('#') >= 0) {
      return cleaned;
    }
    PhoneNumber parsed;
    try {
      parsed = util.parseAndKeepRawInput(cleaned, region);
    } catch (NumberParseException e) {
      return cleaned;
    }
    if (util.isPossibleNumberWithReason(parsed) != ValidationResult.IS_POSSIBLE) {
      return cleaned;
    }
    boolean full =
        parsed.getCountryCodeSource() != CountryCodeSource.FROM_DEFAULT_COUNTRY
            || (nationalPrefix != null && cleaned.startsWith(nationalPrefix));
    if (full || util.isValidNumber(parsed)) {
      return util.format(parsed, PhoneNumberFormat.E164);
    }
    return cleaned;
  }

  /** The default region, {@code ZZ} for none. */
  String region() {
    return region;
  }

  /**
   * The routes for a shell listing, one line each, ordered by number: {@code +49301234567 ->
   * queue:support (written '030 1234567')}.
   */
  List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, EntryPoint> route : new TreeMap<>(routes).entrySet()) {
      String entry = written.get(route.getKey());
      String number = entry.substring(0, entry.indexOf('=')).strip();
      String line = route.getKey() + " -> " + route.getValue().target();
      lines.add(number.equals(route.getKey()) ? line : line + " (written '" + number + "')");
    }
    return lines;
  }

  private String region(String defaultRegion) {
    if (defaultRegion == null || defaultRegion.isBlank()) {
      return NO_REGION;
    }
    String r = defaultRegion.strip().toUpperCase(Locale.ROOT);
    if (NO_REGION.equals(r) || util.getSupportedRegions().contains(r)) {
      return r;
    }
    throw new IllegalArgumentException(
        "default region '"
            + shown(defaultRegion, 80)
            + "' is not an ISO 3166 region libphonenumber knows (e.g. DE, US; ZZ for none)");
  }

  private static String clean(String number) {
    if (number == null
        || number.length() > MAX_LENGTH
        || number.chars().anyMatch(Character::isISOControl)) {
      return "";
    }
    String s = number;
    if (s.regionMatches(true, 0, "tel:", 0, 4)) {
      s = s.substring(4);
    }
    int params = s.indexOf(';');
    if (params >= 0) {
      s = s.substring(0, params);
    }
    s = SEPARATORS.matcher(s).replaceAll("");
    return DIALLABLE.matcher(s).matches() ? s : "";
  }

  private static IllegalArgumentException bad(String entry, String problem) {
    return new IllegalArgumentException(
        "route entry '" + shown(entry, 80) + "': " + shown(problem, 200));
  }

  /** A value for an error message: cut to {@code max} characters, control characters as '?'. */
  private static String shown(String value, int max) {
    String s = value.length() > max ? value.substring(0, max) + "..." : value;
    return s.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
