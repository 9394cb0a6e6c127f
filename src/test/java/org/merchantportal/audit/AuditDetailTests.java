package org.merchantportal.audit;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.merchantportal.i18n.English;

import org.springframework.context.MessageSourceResolvable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An audit entry's detail is kept as a code with arguments, and read back as the same
 * message: nested messages with their own arguments, dates as dates, and text that only
 * looks like a date as text.
 */
class AuditDetailTests {

	@Test
	void readsBackNestedMessagesWithTheirArgumentsAndDates() {
		MessageSourceResolvable refusal = AuditDetail.of("refusal.authorizationExpired", LocalDate.of(2026, 11, 20));
		MessageSourceResolvable detail = AuditDetail.of("audit.detail.orderActionRefused",
				AuditDetail.code("audit.action.capture"), refusal);

		MessageSourceResolvable read = AuditDetail.decode(detail.getCodes()[0],
				AuditDetail.encode(detail.getArguments()));

		assertThat(English.of(read)).isEqualTo("Capture: The authorization expired on 2026-11-20");
	}

	@Test
	void keepsTextThatLooksLikeADateAsText() {
		MessageSourceResolvable detail = AuditDetail.of("audit.detail.credentialCreated", "2026-01-01");

		MessageSourceResolvable read = AuditDetail.decode(detail.getCodes()[0],
				AuditDetail.encode(detail.getArguments()));

		assertThat(read.getArguments()).containsExactly("2026-01-01");
		assertThat(English.of(read)).isEqualTo("API credential \"2026-01-01\" created");
	}

	@Test
	void neverLetsAnArgumentPassForTheSeparators() {
		MessageSourceResolvable detail = AuditDetail.of("audit.detail.credentialCreated",
				"a\u001fb\u001ec\u001dd\u001ce");

		MessageSourceResolvable read = AuditDetail.decode(detail.getCodes()[0],
				AuditDetail.encode(detail.getArguments()));

		assertThat(read.getArguments()).containsExactly("a b c d e");
	}

	@Test
	void showsAnEntryWrittenBeforeCodesAsItsTextAndAnUnknownCodeAsItself() {
		assertThat(English.of(AuditDetail.decode("Locked for 30 minutes after 10 failed logins", null)))
			.isEqualTo("Locked for 30 minutes after 10 failed logins");
		MessageSourceResolvable renamed = AuditDetail.decode("audit.detail.userCreated",
				AuditDetail.encode(new Object[] { AuditDetail.code("role.GONE") }));
		assertThat(English.of(renamed)).isEqualTo("Role role.GONE");
	}

}
