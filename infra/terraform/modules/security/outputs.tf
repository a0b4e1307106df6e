output "alb_security_group_id" {
  description = "Security group of the ALB."
  value       = aws_security_group.alb.id
}

output "task_security_group_ids" {
  description = "Security group per service's tasks."
  value       = { for name, sg in aws_security_group.task : name => sg.id }
}

output "redis_security_group_id" {
  description = "Security group of the Redis replication group."
  value       = aws_security_group.redis.id
}
