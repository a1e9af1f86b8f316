/** One GET through the API client, with its answer, its error in words and a way to load it again. */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './client';

export function useLoaded<T>(path: string) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setError(undefined);
    setLoading(true);
    try {
      setData(await api<T>('GET', path));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, [path]);
  useEffect(() => {
    void load();
  }, [load]);
  return { data, error, loading, load };
}
