package pos.gateway.sandbox.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import pos.gateway.sandbox.api.TradeState;

/**
 * Reads and writes inside one {@link Ledger#inTransaction} call; valid only there.
 *
 * <p>Not thread-safe: confined to the thread running the transaction.
 */
public final class LedgerTransaction {

    private final Connection connection;

    LedgerTransaction(Connection connection) {
        this.connection = connection;
    }

    /**
     * Finds an order by the till's id.
     *
     * @param outTradeNo the order
     * @return the row, or empty
     */
    public Optional<OrderRow> findOrder(String outTradeNo) {
        return findOrderWhere("out_trade_no", outTradeNo);
    }

    /**
     * Finds a native order by the token of its {@code code_url}.
     *
     * @param codeToken the token
     * @return the row, or empty
     */
    public Optional<OrderRow> findOrderByCodeToken(String codeToken) {
        return findOrderWhere("code_token", codeToken);
    }

    /**
     * Inserts a new order.
     *
     * @param order the row
     */
    public void insertOrder(OrderRow order) {
        execute("insert order " + order.outTradeNo(), """
                INSERT INTO orders (out_trade_no, kind, description, total_minor, currency, notify_url, code_token,
                    auth_code, trade_state, error_code, created_at, expires_at, auto_confirm_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, order.outTradeNo(), order.kind().name(), order.description(), order.total(), order.currency(),
                order.notifyUrl(), order.codeToken(), order.authCode(), order.tradeState().name(), order.errorCode(),
                millis(order.createdAt()), millis(order.expiresAt()), millis(order.autoConfirmAt()),
                millis(order.updatedAt()));
    }

    /**
     * Writes the changeable columns of an order: auth code, state, error code, confirmation time.
     *
     * @param order the changed row
     */
    public void updateOrder(OrderRow order) {
        execute("update order " + order.outTradeNo(), """
                UPDATE orders SET auth_code = ?, trade_state = ?, error_code = ?, auto_confirm_at = ?, updated_at = ?
                WHERE out_trade_no = ?
                """, order.authCode(), order.tradeState().name(), order.errorCode(), millis(order.autoConfirmAt()),
                millis(order.updatedAt()), order.outTradeNo());
    }

    /**
     * Records a charge, unless the order already has one.
     *
     * @param charge the charge
     * @return {@code true} if recorded; {@code false} if the database's unique key on
     *     out_trade_no refused it because the order was charged before
     */
    public boolean insertCharge(ChargeRow charge) {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO charges (transaction_id, out_trade_no, amount_minor, currency, payer, charged_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)) {
            bind(statement, charge.transactionId(), charge.outTradeNo(), charge.amount(), charge.currency(),
                    charge.payer(), millis(charge.chargedAt()));
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("UNIQUE") && message.contains("charges.out_trade_no")) {
                return false;
            }
            throw new LedgerException("cannot record the charge of order " + charge.outTradeNo(), e);
        }
    }

    /**
     * The charge of an order.
     *
     * @param outTradeNo the order
     * @return the charge, or empty if never paid
     */
    public Optional<ChargeRow> findCharge(String outTradeNo) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM charges WHERE out_trade_no = ?")) {
            statement.setString(1, outTradeNo);
            try (ResultSet resultSet = statement.executeQuery()) {
                if (!resultSet.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ChargeRow(resultSet.getString("transaction_id"),
                        resultSet.getString("out_trade_no"), resultSet.getLong("amount_minor"),
                        resultSet.getString("currency"), resultSet.getString("payer"),
                        Instant.ofEpochMilli(resultSet.getLong("charged_at"))));
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the charge of order " + outTradeNo, e);
        }
    }

    /**
     * A refund by the caller's refund id.
     *
     * @param outRefundNo the refund id
     * @return the refund, or empty
     */
    public Optional<RefundRow> findRefund(String outRefundNo) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM refunds WHERE out_refund_no = ?")) {
            statement.setString(1, outRefundNo);
            try (ResultSet resultSet = statement.executeQuery()) {
                if (!resultSet.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RefundRow(resultSet.getString("out_refund_no"),
                        resultSet.getString("refund_id"), resultSet.getString("out_trade_no"),
                        resultSet.getLong("amount_minor"), resultSet.getString("reason"),
                        Instant.ofEpochMilli(resultSet.getLong("refunded_at"))));
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read refund " + outRefundNo, e);
        }
    }

    /**
     * Everything refunded on an order so far.
     *
     * @param outTradeNo the order
     * @return the sum in minor units
     */
    public long refundedTotal(String outTradeNo) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE out_trade_no = ?")) {
            statement.setString(1, outTradeNo);
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return resultSet.getLong(1);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot sum the refunds of order " + outTradeNo, e);
        }
    }

    /**
     * Records a refund.
     *
     * @param refund the refund
     * @throws LedgerException if the database refuses it (the refunds would exceed the charge)
     */
    public void insertRefund(RefundRow refund) {
        execute("record refund " + refund.outRefundNo() + " of order " + refund.outTradeNo(), """
                INSERT INTO refunds (out_refund_no, refund_id, out_trade_no, amount_minor, reason, refunded_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, refund.outRefundNo(), refund.refundId(), refund.outTradeNo(), refund.amount(), refund.reason(),
                millis(refund.refundedAt()));
    }

    /**
     * Stores a notification event, in the same transaction as the change it reports, so it is
     * delivered even if the gateway stops right after.
     *
     * @param notification the event
     */
    public void insertNotification(NotificationRow notification) {
        execute("store notification " + notification.eventId(), """
                INSERT INTO notifications (event_id, out_trade_no, event_type, notify_url, body, attempts, created_at,
                    next_attempt_at, status, drop_first, last_error, delivered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, notification.eventId(), notification.outTradeNo(), notification.eventType(),
                notification.notifyUrl(), notification.body(), notification.attempts(),
                millis(notification.createdAt()), millis(notification.nextAttemptAt()), notification.status().name(),
                notification.dropFirstAttempt() ? 1 : 0, notification.lastError(), millis(notification.deliveredAt()));
    }

    static OrderRow orderFrom(ResultSet resultSet) throws SQLException {
        return new OrderRow(resultSet.getString("out_trade_no"), OrderKind.valueOf(resultSet.getString("kind")),
                resultSet.getString("description"), resultSet.getLong("total_minor"), resultSet.getString("currency"),
                resultSet.getString("notify_url"), resultSet.getString("code_token"), resultSet.getString("auth_code"),
                TradeState.valueOf(resultSet.getString("trade_state")), resultSet.getString("error_code"),
                instant(resultSet, "created_at"), instant(resultSet, "expires_at"),
                instant(resultSet, "auto_confirm_at"), instant(resultSet, "updated_at"));
    }

    static NotificationRow notificationFrom(ResultSet resultSet) throws SQLException {
        return new NotificationRow(resultSet.getString("event_id"), resultSet.getString("out_trade_no"),
                resultSet.getString("event_type"), resultSet.getString("notify_url"), resultSet.getString("body"),
                resultSet.getInt("attempts"), instant(resultSet, "created_at"), instant(resultSet, "next_attempt_at"),
                NotificationStatus.valueOf(resultSet.getString("status")), resultSet.getInt("drop_first") != 0,
                resultSet.getString("last_error"), instant(resultSet, "delivered_at"));
    }

    private Optional<OrderRow> findOrderWhere(String column, String value) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM orders WHERE " + column + " = ?")) {
            statement.setString(1, value);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next() ? Optional.of(orderFrom(resultSet)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the order with " + column + " " + value, e);
        }
    }

    private void execute(String what, String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(ResultSet resultSet, String column) throws SQLException {
        long value = resultSet.getLong(column);
        return resultSet.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
