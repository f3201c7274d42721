/** File-system helpers shared by the commands: writing files so that no reader sees half of one. */
package dev.arbtune.io;
