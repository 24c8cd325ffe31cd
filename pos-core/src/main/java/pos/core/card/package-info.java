/**
 * Bank cards: the typed card number (masked everywhere, never stored) and the BIN table that
 * names a card's bank.
 */
package pos.core.card;
