import { api } from '../../platform/api/client.ts';

export interface RoomProfile {
  roomId: string;
  name: string;
  address: string | null;
  townName: string;
  openingHours: string | null;
  firstConvener: string | null;
  executiveConvener: string | null;
  participationScope: string | null;
  discussionPrinciples: string | null;
  procedure: string | null;
  meansOfExchange: string | null;
  memberStudio: string | null;
  contactPoint: string | null;
  publicUrl: string;
  abilities: Record<string, boolean>;
}

export interface PublicTopic {
  id: string;
  title: string;
  category: string;
  state: string;
  proposerName: string;
  supportCount: number;
  createdAt: string;
}

export interface PublicResult {
  deliberationId: string;
  title: string;
  state: string;
  meetingAt: string | null;
  recommendations: {
    seq: number;
    text: string;
    responsibilities: {
      departmentName: string;
      action: string;
      deadline: string;
      state: string;
      feedback: string | null;
      feedbackDate: string | null;
    }[];
  }[];
}

export interface PublicRoom {
  profile: RoomProfile;
  topics: PublicTopic[];
  deliberations: PublicResult[];
}

export interface RoomDashboard {
  roomId: string;
  deliberationsByState: Record<string, number>;
  topicsByCategory: Record<string, number>;
  responsibilities: { total: number; finished: number; onTime: number; overdue: number; onTimeRate: number | null };
  satisfaction: {
    ratings: number;
    satisfied: number;
    basicallySatisfied: number;
    unsatisfied: number;
    rate: number | null;
  };
  byMonth: {
    month: string;
    topics: number;
    deliberations: number;
    responsibilitiesFinished: number;
    onTime: number;
    ratings: number;
    satisfied: number;
  }[];
}

/** The rooms module's calls. */
export const roomsApi = {
  publicRoom: (id: string) => api.get<PublicRoom>(`/public/rooms/${id}`),
  qrUrl: (id: string, format: 'png' | 'svg' = 'png') => `/api/v1/public/rooms/${id}/qr?format=${format}`,
  dashboard: (id: string) => api.get<RoomDashboard>(`/rooms/${id}/dashboard`),
};
