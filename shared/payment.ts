/** How the elder paid their personal part. External QR pay (WeChat / Alipay on the canteen's own code) is recorded as such; the kiosk takes no card data. */
export const PAYMENT_METHODS = ['cash', 'qrExternal', 'free'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
