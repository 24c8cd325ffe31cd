package pos.core.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("R18 roles are enforced in the domain: only a supervisor approves a void, refund or price override")
class ClerkAuthorityTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    final Clerk cashier = new Clerk("c1", "Ann", Role.CASHIER, PinHash.of("1234".toCharArray(), 1_000), true);
    final Clerk supervisor = new Clerk("s1", "Sue", Role.SUPERVISOR, PinHash.of("9876".toCharArray(), 1_000), true);
    final SignedIn shift = new SignedIn(cashier, "till-1", SignedIn.Method.PIN, NOW);
    final Authority authority = new Authority(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @EnumSource(GuardedAction.class)
    void cashierCannotApproveAGuardedAction(GuardedAction action) {
        assertThatThrownBy(() -> authority.approve(action, "tx1/1", cashier, shift))
                .isInstanceOf(NotASupervisorException.class)
                .hasMessage("Ann is a cashier and cannot approve: " + action.words() + " needs a supervisor")
                .satisfies(e -> assertThat(((NotASupervisorException) e).action()).isEqualTo(action));
    }

    @ParameterizedTest
    @EnumSource(GuardedAction.class)
    void supervisorCanApproveAGuardedAction(GuardedAction action) {
        Approval approval = authority.approve(action, "tx1/1", supervisor, shift);
        assertThat(approval.approverId()).isEqualTo("s1");
        assertThat(approval.requestedBy()).isEqualTo("c1");
        authority.require(action, "tx1/1", approval);
    }

    @Test
    void cashierCannotVoidALineWithoutAnApproval() {
        assertThatThrownBy(() -> authority.require(GuardedAction.VOID_LINE, "tx1/1", null))
                .isInstanceOf(ApprovalRequiredException.class).hasMessage("A supervisor must approve: void a line");
    }

    @Test
    void anApprovalIsGoodOnceAndOnlyForItsActionAndSubject() {
        Approval voidLine = authority.approve(GuardedAction.VOID_LINE, "tx1/1", supervisor, shift);
        assertThatThrownBy(() -> authority.require(GuardedAction.REFUND, "tx1/1", voidLine))
                .isInstanceOf(ApprovalRequiredException.class).hasMessageContaining("not refund");
        assertThatThrownBy(() -> authority.require(GuardedAction.VOID_LINE, "tx1/2", voidLine))
                .isInstanceOf(ApprovalRequiredException.class).hasMessageContaining("on tx1/1, not void a line on tx1/2");
        authority.require(GuardedAction.VOID_LINE, "tx1/1", voidLine);
        assertThatThrownBy(() -> authority.require(GuardedAction.VOID_LINE, "tx1/1", voidLine))
                .isInstanceOf(ApprovalRequiredException.class).hasMessageContaining("already used");
    }

    @Test
    void aHandMadeApprovalIsRefused() {
        Approval forged = new Approval(GuardedAction.PRICE_OVERRIDE, "tx1/4", "s1", "c1", NOW);
        assertThatThrownBy(() -> authority.require(GuardedAction.PRICE_OVERRIDE, "tx1/4", forged))
                .isInstanceOf(ApprovalRequiredException.class).hasMessageContaining("No supervisor of this till approved");
    }

    @Test
    void anOldApprovalHasExpired() {
        Approval approval = authority.approve(GuardedAction.CANCEL_SALE, "tx9", supervisor, shift);
        Authority later = new Authority(Clock.fixed(NOW.plus(Duration.ofMinutes(3)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.require(GuardedAction.CANCEL_SALE, "tx9", approval))
                .isInstanceOf(ApprovalRequiredException.class);
        Authority lateSameAuthority = new Authority(new Clock() {
            int calls;
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return calls++ == 0 ? NOW : NOW.plus(Duration.ofMinutes(3)); }
        });
        Approval old = lateSameAuthority.approve(GuardedAction.CANCEL_SALE, "tx9", supervisor, shift);
        assertThatThrownBy(() -> lateSameAuthority.require(GuardedAction.CANCEL_SALE, "tx9", old))
                .isInstanceOf(ApprovalRequiredException.class).hasMessageContaining("has expired");
    }

    @Test
    void cashierCannotVoidALineOfASaleButASupervisorsApprovalCan() {
        pos.core.sale.Sale sale = new pos.core.sale.Sale(new pos.core.sale.TransactionId.Generator(
                Clock.fixed(NOW, ZoneOffset.UTC)).next(), java.util.Currency.getInstance("EUR"), NOW);
        pos.core.catalog.Product milk = new pos.core.catalog.Product("1001", "4006381333931", "Whole milk 1 L",
                pos.core.money.Money.ofMinor(119, "EUR"), new pos.core.catalog.TaxClass("STD", 2000), pos.core.catalog.SaleUnit.PIECE,
                null, "dairy");
        int lineNo = sale.addPieces(milk, 2).lineNo();
        SupervisedSale supervised = new SupervisedSale(authority);
        String subject = SupervisedSale.lineSubject(sale, lineNo);
        assertThatThrownBy(() -> authority.approve(GuardedAction.VOID_LINE, subject, cashier, shift))
                .isInstanceOf(NotASupervisorException.class);
        assertThatThrownBy(() -> supervised.removeLine(sale, lineNo, null)).isInstanceOf(ApprovalRequiredException.class);
        assertThat(sale.lines()).hasSize(1);
        supervised.removeLine(sale, lineNo, authority.approve(GuardedAction.VOID_LINE, subject, supervisor, shift));
        assertThat(sale.lines()).isEmpty();
        assertThatThrownBy(() -> supervised.cancel(sale, NOW, authority.approve(GuardedAction.VOID_LINE, subject, supervisor,
                shift))).isInstanceOf(ApprovalRequiredException.class);
        supervised.cancel(sale, NOW, authority.approve(GuardedAction.CANCEL_SALE, SupervisedSale.saleSubject(sale), supervisor,
                shift));
        assertThat(sale.state()).isEqualTo(pos.core.sale.SaleState.CANCELLED);
    }

    @Test
    void aSupervisorWhoLeftCannotApprove() {
        assertThatThrownBy(() -> authority.approve(GuardedAction.REFUND, "tx2", supervisor.withActive(false), shift))
                .isInstanceOf(ApprovalRequiredException.class).hasMessageContaining("no longer a clerk");
    }
}
