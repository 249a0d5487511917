/**
 * The web chat channel (internal): the widget's transports, chat sessions and the channel plugin
 * that takes chats through the ACD. Nothing here is exported.
 */
package org.switchboard.channel.webchat;
