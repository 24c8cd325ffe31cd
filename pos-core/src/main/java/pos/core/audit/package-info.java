/** The audit trail: who did what at the till, approved by whom (issue 12, point 6). No I/O. */
package pos.core.audit;
