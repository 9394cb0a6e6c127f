import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the runs that bench/run recorded into one markdown table: the median run of each
 * case, the ratios of issue 9 and whether each target is met.
 *
 * <p>
 * Input: the runs file, one wrk run per line as key=value pairs (db, n, case, conns, run,
 * rss_kb, then what bench/lua/common.lua's done() prints), and the meta file (machine,
 * seeding times, page weights, soak checks, problems).
 */
final class Report {

	static final List<String> CASES = List.of("trivial", "first", "status", "search", "deep", "details", "dialog",
			"refund", "soak");

	static final Map<String, String> LABELS = Map.of("trivial", "trivial `GET /favicon.svg`", "first",
			"first Orders page `/orders`", "status", "status filter", "search", "prefix search", "deep", "deepest cursor page",
			"details", "order details", "dialog", "refund dialog", "refund", "refund round trip", "soak",
			"soak (all reading cases)");

	static final List<String> LIST_CASES = List.of("first", "status", "search", "deep");

	/** The reference load of the targets; 64 connections must answer without errors. */
	static final int REFERENCE_CONNECTIONS = 16;

	static final int HEAVY_CONNECTIONS = 64;

	record Run(Map<String, String> fields) {

		String get(String key) {
			String value = this.fields.get(key);
			if (value == null) {
				throw new IllegalArgumentException("No " + key + " in " + this.fields);
			}
			return value;
		}

		long number(String key) {
			return Long.parseLong(get(key));
		}

		String db() {
			return get("db");
		}

		long n() {
			return number("n");
		}

		String kase() {
			return get("case");
		}

		int conns() {
			return (int) number("conns");
		}

		boolean measured() {
			return !get("run").equals("warmup");
		}

		double seconds() {
			return number("duration_us") / 1e6;
		}

		/** Successful answers per second; for the refund case, successful round trips. */
		double rate() {
			return (kase().equals("refund") ? number("trips") : number("ok")) / seconds();
		}

		long errors() {
			return number("redirect") + number("client") + number("server") + socketErrors();
		}

		long socketErrors() {
			return number("connect") + number("read") + number("write") + number("timeout");
		}

		double p50() {
			return number("p50_us");
		}

		/**
		 * wrk leaves answers slower than its timeout out of the latencies: where more than
		 * 1% of the requests timed out (or none was answered), p99 is beyond the timeout.
		 */
		double p99() {
			long requests = number("requests");
			return (requests == 0 || number("timeout") * 100 > requests) ? Double.POSITIVE_INFINITY
					: number("p99_us");
		}

	}

	/**
	 * One row of the table: the median run of a case, and the answers, successes and
	 * errors of all its measured runs.
	 */
	record Row(String db, long n, String kase, int conns, Run median, long answers, long successes, long errors,
			String errorDetail, long rssKb) {

		String key() {
			return key(this.db, this.n, this.kase, this.conns);
		}

		static String key(String db, long n, String kase, int conns) {
			return db + "/" + n + "/" + kase + "/" + conns;
		}

	}

	private final List<Run> runs;

	private final List<String> meta;

	private final boolean enforce;

	private final Map<String, Row> rows = new LinkedHashMap<>();

	private final List<String> missed = new ArrayList<>();

	private final List<String> broken = new ArrayList<>();

	private int met;

	Report(List<Run> runs, List<String> meta, boolean enforce) {
		this.runs = runs;
		this.meta = meta;
		this.enforce = enforce;
	}

	static Report read(Path runsFile, Path metaFile, boolean enforce) throws IOException {
		List<Run> runs = Files.exists(runsFile) ? Files.readAllLines(runsFile)
			.stream()
			.filter((line) -> !line.isBlank())
			.map((line) -> new Run(fields(line)))
			.toList() : List.of();
		List<String> meta = Files.exists(metaFile) ? Files.readAllLines(metaFile) : List.of();
		return new Report(runs, meta, enforce);
	}

	static Map<String, String> fields(String line) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String token : line.strip().split("\\s+")) {
			int equals = token.indexOf('=');
			if (equals > 0) {
				fields.put(token.substring(0, equals), token.substring(equals + 1));
			}
		}
		return fields;
	}

	/** 0 when all is well, 1 when the benchmark is broken, 2 when a target is missed. */
	int exitCode() {
		if (!this.broken.isEmpty()) {
			return 1;
		}
		return (this.enforce && !this.missed.isEmpty()) ? 2 : 0;
	}

	String render() {
		buildRows();
		StringBuilder out = new StringBuilder();
		out.append("## Merchant Portal benchmark\n\n");
		List<String> machine = metaValues("machine");
		if (!machine.isEmpty()) {
			out.append("```\n").append(String.join("\n", machine)).append("\n```\n\n");
		}
		metaValues("settings").forEach((line) -> out.append(line).append("\n\n"));
		out.append("| database | N | case | conn. | req/s | p50 | p99 | errors | RSS | % of trivial | p99 vs 1k "
				+ "| PG ÷ H2 trivial | alone | targets |\n");
		out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (Row row : this.rows.values()) {
			out.append(renderRow(row)).append('\n');
		}
		out.append('\n');
		out.append(renderNotes());
		return out.toString();
	}

	private void buildRows() {
		Map<String, List<Run>> byCase = this.runs.stream()
			.collect(Collectors.groupingBy((run) -> Row.key(run.db(), run.n(), run.kase(), run.conns()),
					LinkedHashMap::new, Collectors.toList()));
		byCase.values()
			.stream()
			.map(Report::row)
			.flatMap(Optional::stream)
			.sorted(Comparator.comparing((Row row) -> row.db)
				.thenComparingLong((row) -> row.n)
				.thenComparingInt((row) -> CASES.indexOf(row.kase))
				.thenComparingInt((row) -> row.conns))
			.forEach((row) -> this.rows.put(row.key(), row));
		for (Row row : this.rows.values()) {
			String which = dbLabel(row.db) + " N=" + count(row.n) + " " + row.kase + " at " + row.conns
					+ " connections: ";
			if (row.successes == 0 && row.errors > 0) {
				this.broken.add(which + "every answer an error (" + row.errorDetail + ")");
			}
		}
		for (String line : this.meta) {
			if (line.startsWith("broken ")) {
				this.broken.add(line.substring("broken ".length()));
			}
		}
	}

	private static Optional<Row> row(List<Run> runs) {
		List<Run> measured = runs.stream()
			.filter(Run::measured)
			.sorted(Comparator.comparingDouble(Run::rate))
			.toList();
		if (measured.isEmpty()) {
			return Optional.empty();
		}
		Run median = measured.get((measured.size() - 1) / 2);
		long redirects = measured.stream().mapToLong((run) -> run.number("redirect")).sum();
		long client = measured.stream().mapToLong((run) -> run.number("client")).sum();
		long server = measured.stream().mapToLong((run) -> run.number("server")).sum();
		long timeouts = measured.stream().mapToLong((run) -> run.number("timeout")).sum();
		long socket = measured.stream().mapToLong(Run::socketErrors).sum() - timeouts;
		long errors = redirects + client + server + timeouts + socket;
		long answers = measured.stream().mapToLong((run) -> run.number("ok")).sum() + redirects + client + server;
		long successes = measured.stream()
			.mapToLong((run) -> run.number(run.kase().equals("refund") ? "trips" : "ok"))
			.sum();
		List<String> detail = new ArrayList<>();
		if (server > 0) {
			detail.add(server + "× 5xx");
		}
		if (client > 0) {
			detail.add(client + "× 4xx");
		}
		if (redirects > 0) {
			detail.add(redirects + "× 3xx");
		}
		if (timeouts > 0) {
			detail.add(timeouts + " timeouts");
		}
		if (socket > 0) {
			detail.add(socket + " socket errors");
		}
		long rss = measured.get(measured.size() - 1).number("rss_kb");
		return Optional.of(new Row(median.db(), median.n(), median.kase(), median.conns(), median, answers, successes,
				errors, String.join(", ", detail), rss));
	}

	private String renderRow(Row row) {
		List<String> targets = new ArrayList<>();
		Double ofTrivial = percentOfTrivial(row);
		Double p99VsSmallest = p99VersusSmallest(row);
		Double postgresVsH2 = postgresVersusH2(row);
		boolean reference = row.conns == REFERENCE_CONNECTIONS;
		if (reference && LIST_CASES.contains(row.kase) && ofTrivial != null) {
			targets.add(target(row, "≥ 6% of trivial", ofTrivial >= 6));
		}
		if (reference && row.kase.equals("details") && ofTrivial != null) {
			targets.add(target(row, "≥ 10% of trivial", ofTrivial >= 10));
		}
		if (reference && row.kase.equals("refund") && ofTrivial != null) {
			targets.add(target(row, "≥ 5% of trivial", ofTrivial >= 5));
		}
		if (reference && p99VsSmallest != null) {
			targets.add(target(row, "p99 ≤ 1.2× 1k", p99VsSmallest <= 1.2));
		}
		if (reference && row.kase.equals("deep")) {
			Row first = this.rows.get(Row.key(row.db, row.n, "first", row.conns));
			if (first != null && Double.isFinite(first.median.p99())) {
				double ratio = row.median.p99() / first.median.p99();
				targets.add(target(row, "p99 ≤ 1.2× first page (" + ratio(ratio) + ")", ratio <= 1.2));
			}
		}
		if (reference && postgresVsH2 != null) {
			targets.add(target(row, "≥ 50% of H2", postgresVsH2 >= 50));
		}
		if (row.conns >= HEAVY_CONNECTIONS) {
			targets.add((row.answers == 0) ? target(row, "0 errors (no answer at all)", false)
					: target(row, "0 errors", row.errors == 0));
		}
		if (row.kase.equals("soak")) {
			String after = metaLine("soak", row.db, row.n).orElse("");
			Map<String, String> soak = fields(after);
			boolean healthy = "0".equals(soak.get("oom")) && "UP".equals(soak.get("ready"))
					&& "200".equals(soak.get("final")) && "yes".equals(soak.get("alive"));
			targets.add(target(row,
					"no OutOfMemoryError, database open after (" + (after.isEmpty() ? "not checked"
							: "OOM " + soak.get("oom") + ", alive " + soak.get("alive") + ", readiness "
									+ soak.get("ready") + ", /orders " + soak.get("final"))
							+ ")",
					healthy));
		}
		String errors = (row.errors == 0) ? "0" : row.errors + " (" + row.errorDetail + ")";
		boolean answered = row.median.number("requests") > 0;
		String alone = metaValues("probe").stream()
			.map(Report::fields)
			.filter((probe) -> row.db.equals(probe.get("db")) && Long.toString(row.n).equals(probe.get("n"))
					&& row.kase.equals(probe.get("case")))
			.map((probe) -> ("timeout".equals(probe.get("status")) ? "> " : "")
					+ latency(1000 * Double.parseDouble(probe.get("ms"))))
			.reduce((first, last) -> last)
			.orElse("");
		return "| " + String.join(" | ", row.db.equals("h2") ? "H2" : "PostgreSQL", count(row.n),
				LABELS.getOrDefault(row.kase, row.kase), Integer.toString(row.conns), rate(row.median.rate()),
				answered ? latency(row.median.p50()) : "none in " + Math.round(row.median.seconds()) + " s",
				answered ? latency(row.median.p99()) : "", errors, megabytes(row.rssKb),
				(ofTrivial == null || row.kase.equals("trivial")) ? "" : percent(ofTrivial),
				(p99VsSmallest == null) ? "" : ratio(p99VsSmallest),
				(postgresVsH2 == null) ? "" : percent(postgresVsH2), alone, String.join("; ", targets)) + " |";
	}

	private Double percentOfTrivial(Row row) {
		Row trivial = this.rows.get(Row.key(row.db, row.n, "trivial", row.conns));
		if (trivial == null || trivial.median.rate() == 0 || row.kase.equals("soak")) {
			return null;
		}
		return 100 * row.median.rate() / trivial.median.rate();
	}

	/** p99 at this N over p99 at the smallest N measured (1M ÷ 1k), for the list cases. */
	private Double p99VersusSmallest(Row row) {
		if (!LIST_CASES.contains(row.kase)) {
			return null;
		}
		Optional<Row> smallest = this.rows.values()
			.stream()
			.filter((other) -> other.db.equals(row.db) && other.kase.equals(row.kase) && other.conns == row.conns)
			.min(Comparator.comparingLong((other) -> other.n));
		if (smallest.isEmpty() || smallest.get().n == row.n || !Double.isFinite(smallest.get().median.p99())) {
			return null;
		}
		return row.median.p99() / smallest.get().median.p99();
	}

	private Double postgresVersusH2(Row row) {
		if (!row.db.equals("postgres") || !row.kase.equals("trivial")) {
			return null;
		}
		Row h2 = this.rows.get(Row.key("h2", row.n, "trivial", row.conns));
		return (h2 == null || h2.median.rate() == 0) ? null : 100 * row.median.rate() / h2.median.rate();
	}

	private String target(Row row, String what, boolean isMet) {
		if (isMet) {
			this.met++;
			return what + ": met";
		}
		this.missed.add((row.db.equals("h2") ? "H2" : "PostgreSQL") + " N=" + count(row.n) + " "
				+ LABELS.getOrDefault(row.kase, row.kase) + " at " + row.conns + " connections: " + what);
		return what + ": **missed**";
	}

	private String renderNotes() {
		StringBuilder out = new StringBuilder();
		// A portal that exits under load (ExitOnOutOfMemoryError) misses the heap target;
		// bench/run starts it again and goes on with the next case.
		for (String line : metaValues("died")) {
			Map<String, String> died = fields(line);
			this.missed.add(dbLabel(died.get("db")) + " N=" + count(Long.parseLong(died.get("n")))
					+ ": the portal exited during " + LABELS.getOrDefault(died.get("case"), died.get("case"))
					+ " (exit status " + died.get("status") + ", " + died.get("oom")
					+ " OutOfMemoryError in its log so far) and was started again");
		}
		out.append("Targets: ").append(this.met).append(" met, ").append(this.missed.size()).append(" missed");
		out.append(this.enforce ? "." : " (quick mode: not enforced).").append("\n\n");
		List<String> weights = metaValues("weight");
		if (!weights.isEmpty()) {
			out.append("Page weight of the first Orders page (50 rows):\n\n");
			for (String line : weights) {
				Map<String, String> weight = fields(line);
				long bytes = Long.parseLong(weight.get("bytes"));
				long gzip = Long.parseLong(weight.get("gzip_bytes"));
				String encoding = weight.get("encoding");
				out.append("- ")
					.append(dbLabel(weight.get("db")))
					.append(", N = ")
					.append(count(Long.parseLong(weight.get("n"))))
					.append(": ");
				if ("timeout".equals(encoding)) {
					out.append("not measured, no answer within the patience of one request\n");
					continue;
				}
				out.append(kilobytes(bytes))
					.append(" of HTML; with `Accept-Encoding: gzip`: ")
					.append("identity".equals(encoding) ? "not compressed" : kilobytes(gzip) + " (" + encoding + ")")
					.append('\n');
			}
			out.append('\n');
		}
		perDatabase(out, "seed", "Seeding (straight SQL, portal stopped):",
				(seed) -> seed.get("seconds") + " s (" + count(Long.parseLong(seed.get("lines"))) + " lines, "
						+ count(Long.parseLong(seed.get("events"))) + " events)"
						+ ("true".equals(seed.get("reused")) ? ", seeded by an earlier run and reused" : ""));
		perDatabase(out, "jit", "JVM warm-up after each start, until the JIT settled:",
				(jit) -> jit.get("seconds") + " s in " + jit.get("rounds") + " rounds, the last with "
						+ jit.get("last_round_ms") + " ms of JIT compiling"
						+ ("yes".equals(jit.get("settled")) ? "" : " (not settled)"));
		perDatabase(out, "app", "Portal logs:", (app) -> app.get("oom") + " OutOfMemoryError, " + app.get("closed")
				+ " \"database has been closed\"");
		if (!this.missed.isEmpty()) {
			out.append("Missed:\n\n");
			this.missed.forEach((line) -> out.append("- ").append(line).append('\n'));
			out.append('\n');
		}
		if (!this.broken.isEmpty()) {
			out.append("**Broken benchmark:**\n\n");
			this.broken.forEach((line) -> out.append("- ").append(line).append('\n'));
			out.append('\n');
		}
		return out.toString();
	}

	/**
	 * A list of the meta lines of one type, one item per database and N, each as the
	 * text says.
	 */
	private void perDatabase(StringBuilder out, String type, String title,
			Function<Map<String, String>, String> text) {
		List<String> lines = metaValues(type);
		if (lines.isEmpty()) {
			return;
		}
		out.append(title).append("\n\n");
		for (String line : lines) {
			Map<String, String> fields = fields(line);
			out.append("- ")
				.append(dbLabel(fields.get("db")))
				.append(", N = ")
				.append(count(Long.parseLong(fields.get("n"))))
				.append(": ")
				.append(text.apply(fields))
				.append('\n');
		}
		out.append('\n');
	}

	private List<String> metaValues(String type) {
		return this.meta.stream()
			.filter((line) -> line.startsWith(type + " "))
			.map((line) -> line.substring(type.length() + 1))
			.toList();
	}

	private Optional<String> metaLine(String type, String db, long n) {
		return metaValues(type).stream()
			.filter((line) -> db.equals(fields(line).get("db")) && Long.toString(n).equals(fields(line).get("n")))
			.reduce((first, last) -> last);
	}

	private static String dbLabel(String db) {
		return "h2".equals(db) ? "H2" : "PostgreSQL";
	}

	private static String count(long n) {
		return String.format(Locale.ROOT, "%,d", n);
	}

	private static String rate(double perSecond) {
		return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f" : "%.1f", perSecond);
	}

	private static String latency(double micros) {
		if (Double.isInfinite(micros)) {
			return "> timeout";
		}
		if (micros >= 1_000_000) {
			return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
		}
		return String.format(Locale.ROOT, micros >= 100_000 ? "%.0f ms" : "%.1f ms", micros / 1e3);
	}

	private static String megabytes(long kilobytes) {
		return String.format(Locale.ROOT, "%.0f MB", kilobytes / 1024.0);
	}

	private static String kilobytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f KB (%,d bytes)", bytes / 1000.0, bytes);
	}

	private static String percent(double value) {
		return String.format(Locale.ROOT, value >= 10 ? "%.0f%%" : "%.1f%%", value);
	}

	private static String ratio(double value) {
		if (Double.isInfinite(value)) {
			return "∞";
		}
		return String.format(Locale.ROOT, "%.2f×", value);
	}

}
