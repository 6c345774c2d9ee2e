// A payment settles the invoice with that number (and seller, when the feed names one).
UNWIND $rows AS row
MATCH (i:Invoice {number: row.number})
WHERE row.sellerKey IS NULL OR i.sellerKey = row.sellerKey
SET i.paidAt = row.paidAt, i.paidAmount = row.amount, i.status = 'PAID'
