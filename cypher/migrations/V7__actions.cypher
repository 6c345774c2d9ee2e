// Next actions and webhooks: ids, the dispatch queue and the delivery queue.
CREATE CONSTRAINT action_id IF NOT EXISTS FOR (n:Action) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT webhooksubscription_id IF NOT EXISTS FOR (n:WebhookSubscription) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT webhookdelivery_id IF NOT EXISTS FOR (n:WebhookDelivery) REQUIRE n.id IS UNIQUE;
CREATE INDEX action_queue IF NOT EXISTS FOR (n:Action) ON (n.status, n.dispatchAfter);
CREATE INDEX webhook_delivery_queue IF NOT EXISTS FOR (n:WebhookDelivery) ON (n.status, n.nextAttemptAt);
