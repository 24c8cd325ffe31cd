/** Rule-base verification time against hand-coded checks of the same rules (issue 4). */
package pos.bench.rules;
