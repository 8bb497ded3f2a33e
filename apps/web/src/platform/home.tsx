import { createContext, useContext } from 'react';
import type { HomeSection } from './module.ts';

/**
 * The home-page sections every module contributes, handed down from the app so that the home
 * page does not import the module list that contains it.
 */
const HomeSectionsContext = createContext<HomeSection[]>([]);

export const HomeSectionsProvider = HomeSectionsContext.Provider;

/** The sections of all modules, in their declared order. */
export function useHomeSections(): HomeSection[] {
  return useContext(HomeSectionsContext);
}
