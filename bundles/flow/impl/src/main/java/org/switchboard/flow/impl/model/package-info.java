/** The parsed, validated form of a flow document: immutable records the interpreter runs. */
package org.switchboard.flow.impl.model;
