/**
 * The figure fields shared by the counting views (shared/hub-api/counting-views.ts) are spread from
 * one shape into several schemas. What the web app and city integrations read must not move: each
 * schema's inferred type (checked by `tsc`, which compiles this file) and the order of its fields
 * (the order of the JSON the hub sends and of the OpenAPI document).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  dailyCountRowSchema,
  dailySeriesPointSchema,
  mealFiguresSchema,
  settlementCanteenSchema,
  settlementTotalsSchema,
} from '../../../shared/hub-api/counting-views.js';
import type { DailyCountRow, MealFigures, SettlementCanteen, SettlementTotals } from '../../../shared/hub-api/counting-views.js';
import type { z } from 'zod';

describe('the counting views’ figure fields', () => {
  it('infer the same types as when each schema spelled its fields out', () => {
    // The types written out by hand, as they were before the fields were shared.
    type Figures = { meals: number; standard: number; personal: number; claimedSubsidy: number; subsidy: number; operatorSubsidy: number };
    type Totals = { meals: number; claimableMeals: number; claimedSubsidy: number; subsidy: number; operatorSubsidy: number; difference: number; payable: number };
    /** One object type of an intersection: toEqualTypeOf tells `A & B` from the same fields in one object. */
    type Flat<T> = { [K in keyof T]: T[K] };
    expectTypeOf<MealFigures>().toEqualTypeOf<Figures>();
    expectTypeOf<SettlementTotals>().toEqualTypeOf<Totals>();
    expectTypeOf<z.infer<typeof dailySeriesPointSchema>>().toEqualTypeOf<{ serviceDate: string; meals: number; claimableMeals: number; subsidy: number }>();
    expectTypeOf<DailyCountRow>().toEqualTypeOf<
      Flat<Figures & { canteenId: number; canteenName: string; serviceDate: string; periodId: string; ageBand: string; claimable: boolean }>
    >();
    expectTypeOf<SettlementCanteen>().toEqualTypeOf<Flat<Totals & { canteenId: number; canteenName: string; bySource: { source: string; amount: number }[] }>>();
  });

  it('keep their fields in the order the JSON and the OpenAPI document show them', () => {
    expect(Object.keys(mealFiguresSchema.shape)).toEqual(['meals', 'standard', 'personal', 'claimedSubsidy', 'subsidy', 'operatorSubsidy']);
    expect(Object.keys(settlementTotalsSchema.shape)).toEqual(['meals', 'claimableMeals', 'claimedSubsidy', 'subsidy', 'operatorSubsidy', 'difference', 'payable']);
    expect(Object.keys(dailySeriesPointSchema.shape)).toEqual(['serviceDate', 'meals', 'claimableMeals', 'subsidy']);
    expect(Object.keys(dailyCountRowSchema.shape).slice(0, 6)).toEqual(Object.keys(mealFiguresSchema.shape));
    expect(Object.keys(settlementCanteenSchema.shape).slice(0, 7)).toEqual(Object.keys(settlementTotalsSchema.shape));
  });

  it('refuse a fraction of a fen and a negative count in every schema that carries them', () => {
    const totals = { meals: 3, claimableMeals: 2, claimedSubsidy: 600, subsidy: 600, operatorSubsidy: 0, difference: 0, payable: 600 };
    expect(settlementTotalsSchema.safeParse(totals).success).toBe(true);
    expect(settlementTotalsSchema.safeParse({ ...totals, subsidy: 600.5 }).success).toBe(false);
    expect(settlementTotalsSchema.safeParse({ ...totals, claimableMeals: -1 }).success).toBe(false);
    const figures = { meals: 1, standard: 1200, personal: 300, claimedSubsidy: 900, subsidy: 900, operatorSubsidy: 0 };
    expect(mealFiguresSchema.safeParse(figures).success).toBe(true);
    expect(mealFiguresSchema.safeParse({ ...figures, claimedSubsidy: 0.1 }).success).toBe(false);
    expect(dailySeriesPointSchema.safeParse({ serviceDate: '2026-11-24', meals: -1, claimableMeals: 0, subsidy: 0 }).success).toBe(false);
  });
});
