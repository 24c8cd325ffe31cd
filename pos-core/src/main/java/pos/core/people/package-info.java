/**
 * The store's people and what they may do (DESIGN R18, issue 6): {@link pos.core.people.Clerk}s with a
 * {@link pos.core.people.Role} and a PIN kept only as a slow salted hash ({@link pos.core.people.PinHash}),
 * PIN sign-in with lockout ({@link pos.core.people.PinSignIn}, {@link pos.core.people.SignedIn}),
 * supervisor approval of voids, refunds and price overrides ({@link pos.core.people.Authority},
 * {@link pos.core.people.Approval}), store members with stored value ({@link pos.core.people.Member},
 * {@link pos.core.people.StoredValue}, {@link pos.core.people.MemberLedger}) and enrolled fingerprints
 * as opaque bytes bound to a driver ({@link pos.core.people.StoredPrint}). No I/O: storage and sync
 * live in {@code pos.sync.people}.
 */
package pos.core.people;
