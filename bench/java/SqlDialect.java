import java.time.Instant;

/**
 * The few spots where H2 and PostgreSQL spell the seeding SQL differently: a range of
 * numbers as a table, a random version 4 UUID, and date arithmetic. Everything else the
 * seeder writes is plain SQL that both accept.
 */
enum SqlDialect {

	H2 {
		@Override
		String range(long from, long to, String alias) {
			return "SYSTEM_RANGE(" + from + ", " + to + ") " + alias;
		}

		@Override
		String randomUuid() {
			return "CAST(RANDOM_UUID() AS VARCHAR(36))";
		}

		@Override
		String plusSeconds(String timestamp, String seconds) {
			return "DATEADD(SECOND, " + seconds + ", " + timestamp + ")";
		}

		@Override
		String plusDays(String date, String days) {
			return "DATEADD(DAY, " + days + ", " + date + ")";
		}
	},

	POSTGRES {
		@Override
		String range(long from, long to, String alias) {
			return "generate_series(CAST(" + from + " AS BIGINT), CAST(" + to + " AS BIGINT)) " + alias + "(x)";
		}

		@Override
		String randomUuid() {
			return "CAST(gen_random_uuid() AS VARCHAR(36))";
		}

		@Override
		String plusSeconds(String timestamp, String seconds) {
			return "(" + timestamp + " + (" + seconds + ") * INTERVAL '1 second')";
		}

		@Override
		String plusDays(String date, String days) {
			return "(" + date + " + CAST(" + days + " AS INTEGER))";
		}
	};

	/** The numbers from..to as a table named alias, with one column x. */
	abstract String range(long from, long to, String alias);

	abstract String randomUuid();

	abstract String plusSeconds(String timestamp, String seconds);

	abstract String plusDays(String date, String days);

	String minusSeconds(String timestamp, String seconds) {
		return plusSeconds(timestamp, "-(" + seconds + ")");
	}

	/** A timestamp with time zone literal, which both read the same way. */
	static String timestamp(Instant instant) {
		return "TIMESTAMP WITH TIME ZONE '" + instant.toString().replace('T', ' ').replace("Z", "+00:00") + "'";
	}

}
